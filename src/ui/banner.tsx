// The first layer: a title, a short text with the privacy policy link, where
// the choice can be changed or withdrawn later (GDPR Art. 7(3): the visitor
// is told before consenting), and Accept all, Reject all and Preferences,
// equal in size and weight. As a
// bar or a box it is a labelled region that leaves the page usable and
// keeps focused page content in view; as `modal` it is a dialog.
import { h } from 'preact';
import { Actions, Button, Dialog } from './dialog.js';
import { Text } from './text.js';
import { reserveSpace } from './reserve.js';
import type { Strings } from './strings.js';

export interface BannerProps {
  strings: Strings;
  layout: string;
  privacyPolicyUrl?: string;
  onAccept: () => void;
  onReject: () => void;
  onPreferences: () => void;
  /** The visitor may be about to open the preferences: fetch them now. */
  onPrefetch?: () => void;
  /** Escape on the modal banner: closes it, records nothing. */
  onClose: () => void;
}

const ID = 'samtykke-banner';

let release: (() => void) | undefined;
/** Puts a non-modal banner in the top layer (above any z-index and outside
 * any transformed ancestor) and reserves its edge of the viewport. */
function place(section: HTMLElement | null) {
  release?.();
  release = undefined;
  if (!section) return;
  try {
    section.showPopover?.();
  } catch {
    // Without the Popover API it is a fixed element with a high z-index.
  }
  release = reserveSpace(section, section.classList.contains('bar-top') ? 'top' : 'bottom');
}

export function Banner(props: BannerProps) {
  const { strings: t, layout } = props;
  const text = (
    <p id={`${ID}-text`}>
      <Text value={t['banner.text']} params={{ privacyPolicyUrl: props.privacyPolicyUrl }} />
    </p>
  );
  const withdraw = <p id={`${ID}-withdraw`}>{t['banner.withdraw']}</p>;
  const actions = (
    <Actions>
      <Button name="accept" onClick={props.onAccept}>{t['button.acceptAll']}</Button>
      <Button name="reject" onClick={props.onReject}>{t['button.rejectAll']}</Button>
      <Button name="preferences" onClick={props.onPreferences} onIntent={props.onPrefetch}>{t['button.preferences']}</Button>
    </Actions>
  );
  if (layout == 'modal') {
    return (
      <Dialog id={ID} title={t['banner.title']} onClose={props.onClose} layout="banner">
        <div class="scroll">
          {text}
          {withdraw}
        </div>
        {actions}
      </Dialog>
    );
  }
  return (
    <section ref={place} popover="manual" class={`surface banner ${layout}`} aria-labelledby={`${ID}-title`} aria-describedby={`${ID}-text ${ID}-withdraw`}>
      <div class="scroll">
        <h2 id={`${ID}-title`}>{t['banner.title']}</h2>
        {text}
        {withdraw}
      </div>
      {actions}
    </section>
  );
}
