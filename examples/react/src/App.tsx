// The app, rendered to HTML by the server (server.tsx) and hydrated in the
// browser (client.tsx). Consent comes from samtykke/react's hooks: on the
// server and in the hydrating render they allow nothing, so both sides
// render the same HTML; the visitor's real choice applies right after.
import { Gate, useConsent } from 'samtykke/react';

const VIDEO = 'https://player.videohost.example/embed/intro';

/** What is allowed now, as the visitor's choice changes. */
function Status() {
  const { categories, decided } = useConsent();
  return (
    <ul data-status>
      {Object.entries(categories).map(([name, on]) => (
        <li key={name}>
          {name}: {on ? 'allowed' : 'not allowed'}
        </li>
      ))}
      <li>choice made: {decided ? 'yes' : 'no'}</li>
    </ul>
  );
}

/** Shown where the video will be, until the visitor allows that one service. */
function VideoPlaceholder({ allow }: { allow: () => void }) {
  return (
    <div className="placeholder" data-placeholder="videohost">
      <p>This video is hosted by VideoHost, which sets cookies and sees that you watched it.</p>
      <button type="button" onClick={allow}>
        Load this video
      </button>
    </div>
  );
}

export function App() {
  return (
    <main>
      <h1>Trailhead: a React app</h1>
      <p>
        This page is rendered on the server with <code>react-dom/server</code> and hydrated in the browser. Its gated parts
        use <code>samtykke/react</code>.
      </p>
      <section className="card" aria-labelledby="allowed-title">
        <h2 id="allowed-title">What is allowed</h2>
        <Status />
      </section>
      <section className="card" aria-labelledby="stats-title">
        <h2 id="stats-title">Visitor statistics</h2>
        <Gate name="analytics" fallback={<p data-analytics="off">Analytics is off: Google Analytics is not loaded.</p>}>
          <p data-analytics="on">Analytics is on: Google Analytics counts this visit.</p>
        </Gate>
      </section>
      <section className="card" aria-labelledby="video-title">
        <h2 id="video-title">Getting started, in two minutes</h2>
        <Gate name="videohost" fallback={(allow) => <VideoPlaceholder allow={allow} />}>
          <iframe className="video" src={VIDEO} title="Video: getting started" />
        </Gate>
      </section>
      <section id="privacy" className="card">
        <h2>Privacy</h2>
        <p>Analytics and the video load only after you allow them.</p>
        <button type="button" data-open-preferences>
          Privacy settings
        </button>
      </section>
    </main>
  );
}
