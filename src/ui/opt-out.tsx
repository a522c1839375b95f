// The US opt-out dialog ("Do Not Sell or Share My Personal Information"),
// made of the same building blocks as the preferences: what a sale or
// share is, one clear action, and a status line that says where the
// visitor stands, including "Opt-Out Request Honored" for Global Privacy
// Control (Cal. Code Regs. tit. 11 §7025(c)(6)).
import { h } from 'preact';
import { Button, Dialog, Status } from './dialog.js';
import { Text } from './text.js';
import type { Strings } from './strings.js';

export interface OptOutProps {
  strings: Strings;
  privacyPolicyUrl?: string;
  optedOut: boolean;
  /** The opt-out came from (or is kept by) a GPC signal. */
  gpc: boolean;
  /** The browser sends GPC now: opting back in here cannot override it. */
  gpcNow: boolean;
  onOptOut: () => void;
  onOptIn: () => void;
  onClose: () => void;
}

const ID = 'samtykke-opt-out';

export function OptOut(props: OptOutProps) {
  const { strings: t, optedOut } = props;
  const status = optedOut ? (props.gpc ? t['optOut.honored'] : t['optOut.done']) : t['optOut.notDone'];
  return (
    <Dialog id={ID} title={t['optOut.title']} closeLabel={t['button.close']} onClose={props.onClose}>
      <div class="scroll">
        <p id={`${ID}-text`}>
          <Text value={t['optOut.text']} params={{ privacyPolicyUrl: props.privacyPolicyUrl }} />
        </p>
        {props.gpcNow && <p>{t['optOut.gpc']}</p>}
        <Status message={status} />
      </div>
      {!(optedOut && props.gpcNow) && (
        <div class="actions">
          {optedOut ? (
            <Button name="opt-in" onClick={props.onOptIn}>{t['optOut.optIn']}</Button>
          ) : (
            <Button name="opt-out" onClick={props.onOptOut}>{t['optOut.button']}</Button>
          )}
        </div>
      )}
    </Dialog>
  );
}
