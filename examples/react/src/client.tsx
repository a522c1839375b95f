// The browser entry: start samtykke first, at module scope (it gates the
// tags and shows the banner by itself), then hydrate the server's HTML.
import { hydrateRoot } from 'react-dom/client';
import { init } from 'samtykke';
import { App } from './App';
import { config } from './config';

const consent = init(config);
hydrateRoot(document.getElementById('app')!, <App />);

document.addEventListener('click', (event) => {
  if ((event.target as Element).closest('[data-open-preferences]')) consent.showPreferences();
});
