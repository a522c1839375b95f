// The privacy centre: where the visitor stands (the opt-out of sale and
// sharing, the Limit on sensitive personal information, each said as a
// status line), one-click choices with a two-step undo, the rights of the
// regime in force with every way to use them (objection apart, GDPR Art.
// 21(4)), and the Notice at Collection drawn from the config's categories
// (11 CCR §7012). No request needs verification here: the opt-out and the
// Limit never ask who the visitor is (§7026(d), §7027(e)).
import { h } from 'preact';
import type { CoreConfig, Regime, UiConfig } from '../config/schema.js';
import { NECESSARY } from '../config/defaults.js';
import { Button, Dialog, Status } from './dialog.js';
import { Text } from './text.js';
import { categoryText, type Strings } from './strings.js';
import { methodText, rightsFor } from './rights.js';

/** A choice whose undo the visitor has asked for and must confirm. */
export type Undo = 'opt-out' | 'limit' | null;

export interface PrivacyCentreProps {
  strings: Strings;
  config: UiConfig;
  /** `privacyCentre`, read by normalise-centre.ts. */
  centre: NonNullable<UiConfig['privacyCentre']>;
  core: CoreConfig;
  regime: Regime;
  optedOut: boolean;
  /** The opt-out came from (or is kept by) a GPC signal. */
  gpc: boolean;
  /** The browser sends GPC now: opting back in here cannot override it. */
  gpcNow: boolean;
  limited: boolean;
  /** The section to bring into view: choices, limit, rights or notice. */
  section?: string;
  confirming: Undo;
  onConfirm: (undo: Undo) => void;
  onPreferences: () => void;
  onOptOut: () => void;
  onOptIn: () => void;
  onLimit: () => void;
  onUnlimit: () => void;
  onClose: () => void;
}

const ID = 'samtykke-centre';

/** Moves to a section of this dialog (inside the shadow root, where a
 * `#fragment` link cannot reach). */
const goTo = (id: string) => (event: Event) => {
  const heading = ((event.currentTarget as Node).getRootNode() as ShadowRoot).getElementById(`${ID}-${id}`);
  heading?.scrollIntoView?.({ block: 'start' });
  heading?.focus();
};

/** Brings the section asked for into view and gives its heading the focus,
 * so a screen reader starts where the link said. After the render: the
 * dialog opens (and takes the focus) only once its content is in place. */
const reveal = (wanted: boolean) => (heading: HTMLElement | null) => {
  if (heading && wanted && !heading.dataset.shown) {
    heading.dataset.shown = '1';
    setTimeout(() => {
      heading.scrollIntoView?.({ block: 'start' });
      heading.focus();
    });
  }
};

function Heading({ id, section, children, sub }: { id: string; section?: string; children: string; sub?: boolean }) {
  const Tag = sub ? 'h4' : 'h3';
  return (
    <Tag id={`${ID}-${id}`} tabIndex={-1} ref={reveal(section == id)}>
      {children}
    </Tag>
  );
}

/** One choice: its status line, and its button; undoing it takes a second,
 * confirming click. */
function Choice(props: { t: Strings; on: boolean; undo: Exclude<Undo, null>; confirming: Undo; status: string; set: string; unset: string; locked?: boolean; onSet: () => void; onUnset: () => void; onConfirm: (undo: Undo) => void }) {
  const { t } = props;
  return (
    <div class="choice">
      <Status message={props.status} />
      {props.locked ? null
        : !props.on ? <Button name={props.undo} onClick={props.onSet}>{props.set}</Button>
        : props.confirming != props.undo ? <Button name={`${props.undo}-undo`} onClick={() => props.onConfirm(props.undo)}>{props.unset}</Button>
        : (
          <div role="group" aria-label={t['undo.ask']}>
            <p>{t['undo.ask']}</p>
            <div class="actions">
              <Button name={`${props.undo}-confirm`} onClick={props.onUnset}>{t['undo.confirm']}</Button>
              <Button name={`${props.undo}-keep`} onClick={() => props.onConfirm(null)}>{t['undo.cancel']}</Button>
            </div>
          </div>
        )}
    </div>
  );
}

function Methods({ methods, t }: { methods: string[]; t: Strings }) {
  return (
    <span class="methods">
      {methods.map((method) => (
        <a href={method}>{methodText(method, t['rights.form'])}</a>
      ))}
    </span>
  );
}

export function PrivacyCentre(props: PrivacyCentreProps) {
  const { strings: t, config, core, regime, section } = props;
  const { centre } = props;
  const us = regime == 'opt-out';
  const ids = Object.keys(core.categories);
  const sensitive = ids.some((id) => id != NECESSARY && core.categories[id].sensitive.length > 0);
  const sale = us && ids.some((id) => core.categories[id].sale);
  const rights = rightsFor(centre, regime);
  const object = centre.rights.object;
  const policy = config.privacyPolicyUrl;
  return (
    <Dialog id={ID} title={t['centre.title']} closeLabel={t['button.close']} onClose={props.onClose}>
      <div class="scroll">
        <p id={`${ID}-text`}>{t['centre.text']}</p>

        <Heading id="choices" section={section}>{t['centre.choices']}</Heading>
        <p>
          <Button name="cookie-settings" onClick={props.onPreferences}>{t['centre.cookies']}</Button>
        </p>
        {us && (
          <section aria-labelledby={`${ID}-opt-out`}>
            <h4 id={`${ID}-opt-out`}>{t['optOut.title']}</h4>
            {props.gpcNow && <p>{t['optOut.gpc']}</p>}
            <Choice
              t={t}
              on={props.optedOut}
              undo="opt-out"
              confirming={props.confirming}
              status={props.optedOut ? (props.gpc ? t['optOut.honored'] : t['optOut.done']) : t['optOut.notDone']}
              set={t['optOut.button']}
              unset={t['optOut.optIn']}
              locked={props.optedOut && props.gpcNow}
              onSet={props.onOptOut}
              onUnset={props.onOptIn}
              onConfirm={props.onConfirm}
            />
          </section>
        )}
        {us && sensitive && (
          <section aria-labelledby={`${ID}-limit`}>
            <Heading id="limit" section={section} sub>{t['limit.title']}</Heading>
            <p>{t['limit.text']}</p>
            <Choice
              t={t}
              on={props.limited}
              undo="limit"
              confirming={props.confirming}
              status={props.limited ? t['limit.done'] : t['limit.notDone']}
              set={t['limit.button']}
              unset={t['limit.undo']}
              onSet={props.onLimit}
              onUnset={props.onUnlimit}
              onConfirm={props.onConfirm}
            />
          </section>
        )}

        <Heading id="rights" section={section}>{t['rights.title']}</Heading>
        <p>{t[us ? 'rights.us' : 'rights.gdpr']}</p>
        {rights.length || (us && centre.tollFree) ? (
          <ul class="rights">
            {rights.map(([right, methods]) => (
              <li>
                {t[`rights.${right}`]} <Methods methods={methods} t={t} />
              </li>
            ))}
            {us && centre.tollFree && (
              <li>
                {t['rights.tollFree']} <a href={`tel:${centre.tollFree.replace(/[^\d+]/g, '')}`}>{centre.tollFree}</a>
              </li>
            )}
          </ul>
        ) : (
          <p>
            {policy ? <a href={policy}>{t['rights.none']}</a> : t['rights.none']}
          </p>
        )}
        {!us && object && (
          <section class="object" aria-labelledby={`${ID}-object`}>
            <h4 id={`${ID}-object`}>{t['object.title']}</h4>
            <p>
              {t['object.text']} <Methods methods={object} t={t} />
            </p>
          </section>
        )}

        <Heading id="notice" section={section}>{t['notice.title']}</Heading>
        <p>{t['notice.text']}</p>
        <ul class="notice">
          {ids.map((id) => {
            const { label, description } = categoryText(t, config, id);
            const given = core.categories[id];
            const retention = config.categories[id]?.retention;
            const kinds = given.sensitive.map((kind) => t[`sensitive.${kind}`] || kind).join(', ');
            return (
              <li>
                <strong>{label}</strong>
                {description && <span>: {description}</span>}
                <br />
                {given.sale ? t['notice.sold'] : t['notice.notSold']}
                {retention && (
                  <span>
                    {'; '}
                    <Text value={t['notice.retention']} params={{ retention }} />
                  </span>
                )}
                {kinds && (
                  <span>
                    {'; '}
                    <Text value={t['notice.sensitive']} params={{ types: kinds }} />
                  </span>
                )}
              </li>
            );
          })}
        </ul>
        <p class="links">
          {sale && (
            <button type="button" class="link" onClick={goTo('choices')}>
              {t['optOut.link']}
            </button>
          )}
          {us && sensitive && (
            <button type="button" class="link" onClick={goTo('limit')}>
              {t['limit.link']}
            </button>
          )}
          {centre.noticeAtCollection && <a href={centre.noticeAtCollection}>{t['notice.more']}</a>}
          {policy && <a href={policy}>{t['service.privacyPolicy']}</a>}
        </p>
      </div>
    </Dialog>
  );
}
