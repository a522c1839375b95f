// The UI chunk: renders the banner, the preferences dialog and the floating
// button into one shadow root, and turns the visitor's clicks into calls on
// the consent object. State lives here; the components only draw it.
import { h, render } from 'preact';
import type { CoreConfig } from '../config/schema';
import type { Consent, ConsentSnapshot } from '../consent';
import type { View } from './seam';
import { normaliseUi } from '../config/normalise-ui';
import { error } from '../errors';
import { UI_INPUT } from '../site';
import { report, warn } from '../report';
import english from '../../locales/en.json';
import { layer, type Strings } from './strings';
import { decodeParts } from './locale-parts';
import { direction } from './locale';
import type { Locale } from './locales';
import { createHost, applyTheme } from './host';
import { activeElement, restoreFocus } from './focus';
import { withKnownServices } from './known-services';
import { Banner } from './banner';
import { Preferences } from './preferences';
import { OptOut } from './opt-out';
import { FloatingButton } from './floating-button';
import { Status } from './dialog';

/** A locale's language and the parts it has. */
const said = ({ code, parts }: Locale) => `${code} ${parts ? Object.keys(parts).filter((part) => parts[part as keyof typeof parts]) : '-'}`;

interface State {
  banner: boolean;
  preferences: boolean;
  optOut: boolean;
  /** The preferences' switches, before they are saved. */
  choices: Record<string, boolean>;
  status: string;
}

let instance: { show(view: View): void; speak(locale: Locale): void } | undefined;

/** Shows `view`, in `locale` (which has the strings `view` needs: see
 * with-locale.ts); the first call builds the UI (once per page). */
export function show(view: View, consent: Consent, config: CoreConfig, input: unknown, locale: Locale = { code: 'en' }) {
  const start = () => {
    instance?.speak(locale);
    (instance ||= mount(consent, config, input, locale)).show(view);
  };
  // The chunk can arrive before <body> is parsed.
  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start, { once: true });
}

/** Switches a UI on the page to another language (Samtykke.setLocale()). */
export function setLocale(locale: Locale) {
  instance?.speak(locale);
}

function mount(consent: Consent, core: CoreConfig, input: unknown, locale: Locale) {
  // A per-site build carries the site's config in this chunk.
  const read = normaliseUi(UI_INPUT ?? input);
  // The development bundle has said all of this already, from the schema.
  if (!__DEV__) for (const problem of read.problems) report(error(1, `${problem.path}: ${problem.message}`));
  const { texts = {} } = read.config;
  let t: Strings;
  let config = read.config;
  /** The language and parts the strings are of, so the same are not read twice. */
  let spoken = '';
  /** The strings, in layers: English, the language, the site's texts for it. */
  function strings({ code, parts }: Locale) {
    const shipped = parts && decodeParts(parts);
    t = layer(english, shipped?.strings, texts[code]);
    // Only the parts that came can miss a string: the others are fetched when
    // a view needs them, or failed, which was said.
    const keys = shipped ? shipped.keys : Object.keys(english);
    const missing = code == 'en' ? [] : keys.filter((key) => !shipped?.strings[key] && !texts[code]?.[key]);
    if (missing.length) warn(`samtykke: the ${code} texts have no ${missing.map((key) => `'${key}'`).join(', ')}; English is shown for them.`);
    config = withKnownServices(read.config, core, t);
  }
  strings(locale);
  spoken = said(locale);
  if (!config.privacyPolicyUrl) warn('samtykke: privacyPolicyUrl is not set, so the banner cannot link to the privacy policy.');

  const host = createHost(locale.code, direction(locale.code));
  applyTheme(host.element, config.theme);
  const categories = Object.keys(core.categories);
  let state: State = { banner: false, preferences: false, optOut: false, choices: {}, status: '' };
  /** Where focus goes back to when a dialog closes. */
  let returnTo: Element | null = null;

  const update = (next: Partial<State>) => {
    state = { ...state, ...next };
    draw();
  };

  /** The visitor chose: close everything and say so without moving focus. */
  function choose(action: () => void) {
    try {
      action();
      update({ banner: false, preferences: false, status: '' });
    } catch (error) {
      return report(`samtykke: the choice could not be applied (${error}).`);
    }
    restoreFocus(returnTo);
    // Emptied first, so that saying the same thing twice is heard twice.
    setTimeout(() => update({ status: t['status.saved'] }), 100);
  }

  const acceptAll = () => choose(consent.acceptAll);
  const rejectAll = () => choose(consent.rejectAll);

  /** A click on Preferences or the floating button: through the core, which
   * fetches the dialog's strings first (with-locale.ts), then opens it. */
  const askPreferences = () => consent.showPreferences();

  function openPreferences() {
    returnTo = activeElement();
    update({ preferences: true, choices: { ...consent.getConsent().categories } });
  }

  function openOptOut() {
    returnTo = activeElement();
    update({ optOut: true });
  }

  /** Escape or a close button: the part goes, nothing is recorded, focus goes back. */
  const close = (part: 'banner' | 'preferences' | 'optOut') => () => {
    update({ [part]: false });
    restoreFocus(returnTo);
  };

  function draw() {
    const snapshot = consent.getConsent();
    render(
      <div class="root">
        {state.banner && (
          <Banner
            strings={t}
            layout={config.layout}
            privacyPolicyUrl={config.privacyPolicyUrl}
            onAccept={acceptAll}
            onReject={rejectAll}
            onPreferences={askPreferences}
            onClose={close('banner')}
          />
        )}
        {state.preferences && (
          <Preferences
            strings={t}
            config={config}
            categories={categories}
            choices={state.choices}
            onToggle={(id, on) => update({ choices: { ...state.choices, [id]: on } })}
            onAccept={acceptAll}
            onReject={rejectAll}
            onSave={() => {
              const { necessary, ...chosen } = state.choices;
              choose(() => consent.set(chosen));
            }}
            onClose={close('preferences')}
          />
        )}
        {state.optOut && (
          <OptOut
            strings={t}
            privacyPolicyUrl={config.privacyPolicyUrl}
            optedOut={snapshot.optedOut}
            gpc={snapshot.gpc}
            gpcNow={(navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true}
            // The dialog stays open: its status line confirms the change.
            onOptOut={() => (consent.optOut(), draw())}
            onOptIn={() => (consent.optIn(), draw())}
            onClose={close('optOut')}
          />
        )}
        {core.floatingButton && !state.banner && <FloatingButton label={t['button.settings']} onClick={askPreferences} />}
        <Status hidden message={state.status} />
      </div>,
      host.root,
    );
  }

  // A choice made elsewhere (the site's own buttons, the API, another tab)
  // closes the banner; an open opt-out dialog shows the state as it is now.
  const follow = (snapshot: ConsentSnapshot) => {
    if (snapshot.decided && state.banner) update({ banner: false });
    else if (state.optOut) draw();
  };
  consent.on('consent', follow);
  consent.on('change', follow);

  return {
    show(view: View) {
      if (view == 'preferences') return openPreferences();
      if (view == 'opt-out') return openOptOut();
      if (view == 'banner' && !state.banner) {
        returnTo = activeElement();
        return update({ banner: true });
      }
      draw();
    },
    speak(next: Locale) {
      if (said(next) == spoken) return;
      spoken = said(next);
      strings(next);
      host.element.lang = next.code;
      host.element.dir = direction(next.code);
      draw();
    },
  };
}
