// The UI chunk: renders the banner, the dialogs (from the dialogs chunk,
// fetched when one is first wanted) and the floating button into one shadow
// root, and turns the visitor's clicks into calls on the consent object.
// State lives here; the components only draw it.
import { h, render } from 'preact';
import type { CoreConfig } from '../config/schema.js';
import type { Consent, ConsentSnapshot } from '../consent.js';
import type { View } from '../loading/seam.js';
import { normaliseUi } from '../config/normalise-ui.js';
import { error } from '../errors.js';
import { RECEIPTS, UI_INPUT } from '../site.js';
import { TEXTS } from '../receipts.js';
import { noticeTexts, noticeVersion, type NoticeView } from './notice-version.js';
import { report, warn } from '../report.js';
import english from 'samtykke:english/banner';
import { layer, type Strings } from './strings.js';
import { decodeParts } from './locale-parts.js';
import { banner } from './locale-parts.json';
import { direction } from '../loading/language.js';
import type { Locale } from '../loading/locales.js';
import { createHost, applyTheme, adopt, LONE } from './host.js';
import { activeElement, restoreFocus } from './focus.js';
import { Banner } from './banner.js';
import type { Centre, Dialogs } from './kit.js';
import type { UiModule } from '../loading/seam.js';
import { FloatingButton } from './floating-button.js';
import { Status } from './dialog.js';
import type { Undo } from './privacy-centre.js';

/** A locale's language and the parts it has. */
const said = ({ code, parts }: Locale) => `${code} ${parts ? Object.keys(parts).filter((part) => parts[part as keyof typeof parts]) : '-'}`;

interface State {
  banner: boolean;
  preferences: boolean;
  optOut: boolean;
  /** The privacy centre, open at a section ('' for its top), or closed. */
  centre: string | false;
  /** A choice in the privacy centre whose undo waits for confirmation. */
  confirming: Undo;
  /** The preferences' switches, before they are saved. */
  choices: Record<string, boolean>;
  status: string;
}

/** The UI, with `loadDialogs` and `loadCentre` as this build fetches the
 * dialogs chunk and the privacy centre's. */
export function uiWith(loadDialogs: () => Promise<Dialogs>, loadCentre: () => Promise<Centre>): UiModule {
  let instance: ReturnType<typeof mount> | undefined;
  return {
    /** Shows `view`, in `locale` (which has the strings `view` needs: see
     * with-locale.ts); the first call builds the UI (once per page). */
    show(view, consent, config, input, locale = { code: 'en' }, section) {
      const start = () => {
        instance?.speak(locale);
        (instance ||= mount(consent, config, input, locale, loadDialogs, loadCentre)).show(view, section);
      };
      // The chunk can arrive before <body> is parsed.
      if (document.body) start();
      else document.addEventListener('DOMContentLoaded', start, { once: true });
    },
    /** Switches a UI on the page to another language (Samtykke.setLocale()). */
    setLocale: (locale) => instance?.speak(locale),
  };
}

function mount(consent: Consent, core: CoreConfig, input: unknown, locale: Locale, loadDialogs: () => Promise<Dialogs>, loadCentre: () => Promise<Centre>) {
  // A per-site build carries the site's config in this chunk.
  const read = normaliseUi(UI_INPUT ?? input);
  // The development bundle has said all of this already, from the schema.
  if (!__DEV__) for (const problem of read.problems) report(error(1, `${problem.path}: ${problem.message}`));
  const { texts = {} } = read.config;
  let t: Strings;
  const config = read.config;
  /** The dialogs chunk, once it is here. */
  let dialogs: Dialogs | undefined;
  /** `privacyCentre`, read once the centre is first drawn (its reader is
   * in the centre's chunk); its problems are said then, once. */
  let centreRead: ReturnType<Centre['normaliseCentre']> | undefined;
  /** The privacy centre's chunk, once it is here. */
  let centreModule: Centre | undefined;
  const centre = (module: Centre) => {
    if (!centreRead) {
      centreRead = module.normaliseCentre(UI_INPUT ?? input);
      if (!__DEV__) for (const problem of centreRead.problems) report(error(1, `${problem.path}: ${problem.message}`));
    }
    return centreRead.centre;
  };
  /** The language and parts the strings are of, so the same are not read twice. */
  let spokenLocale = locale;
  /** The strings, in layers: English, the language, the site's texts for it. */
  function strings({ code, parts }: Locale) {
    const shipped = parts && decodeParts(parts, { banner, ...dialogs?.keys, ...centreModule?.keys });
    spokenLocale = { code, parts };
    t = layer(english, dialogs?.english, centreModule?.english, shipped?.strings, texts[code]);
    // Only the parts that came can miss a string: the others are fetched when
    // a view needs them, or failed, which was said.
    const keys = shipped ? shipped.keys : Object.keys({ ...english, ...dialogs?.english, ...centreModule?.english });
    const missing = code == 'en' ? [] : keys.filter((key) => !shipped?.strings[key] && !texts[code]?.[key]);
    if (missing.length) warn(`samtykke: the ${code} texts have no ${missing.map((key) => `'${key}'`).join(', ')}; English is shown for them.`);
  }
  strings(locale);
  if (!config.privacyPolicyUrl) warn('samtykke: privacyPolicyUrl is not set, so the banner cannot link to the privacy policy.');

  // The button chunk's lone floating button gives way to this UI's own,
  // which takes the focus back when a dialog opened from it closes.
  let fromLone = false;
  for (const lone of Array.from(document.querySelectorAll(`samtykke-ui[${LONE}]`))) {
    fromLone ||= !!lone.shadowRoot?.activeElement;
    lone.remove();
  }
  const host = createHost(locale.code, direction(locale.code));
  applyTheme(host.element, config.theme);
  const categories = Object.keys(core.categories);
  let state: State = { banner: false, preferences: false, optOut: false, centre: false, confirming: null, choices: {}, status: '' };
  /** Where focus goes back to when a dialog closes. */
  let returnTo: Element | null = null;

  const update = (next: Partial<State>) => {
    state = { ...state, ...next };
    draw();
  };

  /** Makes a choice in `view`. With receipts on, the choice's receipt
   * (effects.ts, which reads it in the call) carries the version of the
   * texts on screen; a choice made through the API finds none. The consent
   * object's methods never throw, so the version never outlives the call. */
  function inView(view: NoticeView, action: () => void) {
    if (!RECEIPTS || !core.receipts) return action();
    const page = window as unknown as Record<symbol, string>;
    const key = Symbol.for(TEXTS);
    page[key] = noticeVersion(noticeTexts(view, t, { banner, ...dialogs?.keys, ...centreModule?.keys }, config));
    action();
    delete page[key];
  }

  /** The visitor chose: close everything and say so without moving focus. */
  function choose(view: NoticeView, action: () => void) {
    try {
      inView(view, action);
      update({ banner: false, preferences: false, status: '' });
    } catch (error) {
      return report(`samtykke: the choice could not be applied (${error}).`);
    }
    restoreFocus(returnTo);
    // Emptied first, so that saying the same thing twice is heard twice.
    setTimeout(() => update({ status: t['status.saved'] }), 100);
  }

  /** A click on Preferences or the floating button: through the core, which
   * fetches the dialog's strings first (with-locale.ts), then opens it. */
  const askPreferences = () => consent.showPreferences();

  /** Runs `then` once the dialogs chunk is here, and with `withCentre` the
   * privacy centre's too (each fetched on first use, side by side; a failure
   * is said once, and the next click tries again). */
  function withDialogs(then: () => void, withCentre?: boolean) {
    if (dialogs && (!withCentre || centreModule)) return then();
    Promise.all([loadDialogs(), withCentre && loadCentre()])
      .then(([module, centreChunk]) => {
        if (!dialogs) {
          dialogs = module;
          adopt(host.root, module.css);
        }
        if (centreChunk && !centreModule) {
          centreModule = centreChunk;
          adopt(host.root, centreChunk.css);
        }
        strings(spokenLocale);
        then();
      })
      // A failed fetch, or a page whose broken built-ins break the render:
      // said once, never thrown into the page.
      .catch((failure) => report(error(7, failure)));
  }
  /** A pointer over or focus on Preferences: the chunk is on its way before the click. */
  const prefetch = () => void loadDialogs().catch(() => {});

  /** Opens a dialog; focus goes back where it was when it closes (to this
   * UI's floating button, if the lone one it replaced had it). */
  function open(next: Partial<State>, withCentre?: boolean) {
    returnTo = activeElement();
    withDialogs(() => {
      update(next);
      if (fromLone) returnTo = host.root.querySelector('.floating');
      fromLone = false;
    }, withCentre);
  }
  const openPreferences = () => open({ preferences: true, choices: { ...consent.getConsent().categories } });
  const openOptOut = () => open({ optOut: true });
  const openCentre = (section = '') => open({ centre: section, confirming: null }, true);
  /** A choice in the privacy centre: recorded at once (no verification),
   * the dialog stays open and its status line says what changed. */
  const inCentre = (action: () => void) => () => {
    inView('privacy-centre', action);
    update({ confirming: null });
  };

  /** Escape or a close button: the part goes, nothing is recorded, focus goes back. */
  const close = (part: 'banner' | 'preferences' | 'optOut' | 'centre') => () => {
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
            onAccept={() => choose('banner', consent.acceptAll)}
            onReject={() => choose('banner', consent.rejectAll)}
            onPreferences={askPreferences}
            onPrefetch={prefetch}
            onClose={close('banner')}
          />
        )}
        {state.preferences && dialogs && (
          <dialogs.Preferences
            strings={t}
            config={dialogs.withKnownServices(config, core, t)}
            categories={categories}
            choices={state.choices}
            onToggle={(id, on) => update({ choices: { ...state.choices, [id]: on } })}
            onAccept={() => choose('preferences', consent.acceptAll)}
            onReject={() => choose('preferences', consent.rejectAll)}
            onSave={() => {
              const { necessary, ...chosen } = state.choices;
              choose('preferences', () => consent.set(chosen));
            }}
            onClose={close('preferences')}
          />
        )}
        {state.optOut && dialogs && (
          <dialogs.OptOut
            strings={t}
            privacyPolicyUrl={config.privacyPolicyUrl}
            optedOut={snapshot.optedOut}
            gpc={snapshot.gpc}
            gpcNow={(navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true}
            // The dialog stays open: its status line confirms the change.
            onOptOut={() => (inView('opt-out', consent.optOut), draw())}
            onOptIn={() => (inView('opt-out', consent.optIn), draw())}
            onClose={close('optOut')}
          />
        )}
        {state.centre !== false && centreModule && (
          <centreModule.PrivacyCentre
            strings={t}
            config={config}
            centre={centre(centreModule)}
            core={core}
            regime={snapshot.regime}
            optedOut={snapshot.optedOut}
            gpc={snapshot.gpc}
            gpcNow={(navigator as { globalPrivacyControl?: unknown }).globalPrivacyControl === true}
            limited={snapshot.limited}
            section={state.centre}
            confirming={state.confirming}
            onConfirm={(confirming) => update({ confirming })}
            // Cookie settings: the preferences dialog takes the centre's place.
            onPreferences={() => (update({ centre: false }), askPreferences())}
            onOptOut={inCentre(consent.optOut)}
            onOptIn={inCentre(consent.optIn)}
            onLimit={inCentre(consent.limitSensitive)}
            onUnlimit={inCentre(consent.unlimitSensitive)}
            onClose={close('centre')}
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
    else if (state.optOut || state.centre !== false) draw();
  };
  consent.on('consent', follow);
  consent.on('change', follow);

  return {
    show(view: View, section?: string) {
      if (view == 'preferences') return openPreferences();
      if (view == 'opt-out') return openOptOut();
      if (view == 'privacy-centre') return openCentre(section);
      if (view == 'banner' && !state.banner) {
        returnTo = activeElement();
        return update({ banner: true });
      }
      draw();
    },
    speak(next: Locale) {
      if (said(next) == said(spokenLocale)) return;
      strings(next);
      host.element.lang = next.code;
      host.element.dir = direction(next.code);
      draw();
    },
  };
}
