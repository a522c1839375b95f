// The second layer: one switch per category (`necessary` on and disabled,
// nothing else pre-ticked unless the visitor or the regime's default has it
// on), the services behind each, and Accept all / Reject all / Save choices.
import { h } from 'preact';
import type { UiConfig } from '../config/schema.js';
import { NECESSARY } from '../config/defaults.js';
import { Actions, Button, Dialog } from './dialog.js';
import { Services } from './services.js';
import { categoryText, type Strings } from './strings.js';

export interface PreferencesProps {
  strings: Strings;
  config: UiConfig;
  /** Category ids, `necessary` first. */
  categories: string[];
  /** The switches' state. */
  choices: Record<string, boolean>;
  onToggle: (id: string, on: boolean) => void;
  onAccept: () => void;
  onReject: () => void;
  onSave: () => void;
  onClose: () => void;
}

const ID = 'samtykke-preferences';

export function Preferences(props: PreferencesProps) {
  const { strings: t, config } = props;
  return (
    <Dialog id={ID} title={t['preferences.title']} closeLabel={t['button.close']} onClose={props.onClose}>
      <div class="scroll">
        <p id={`${ID}-text`}>{t['preferences.text']}</p>
        <fieldset>
          <legend class="hidden">{t['preferences.title']}</legend>
          {props.categories.map((id) => {
            const { label, description } = categoryText(t, config, id);
            const necessary = id == NECESSARY;
            const input = `${ID}-${id}`;
            return (
              <div class="category">
                <div class="category-head">
                  <h3>
                    <label for={input}>{label}</label>
                  </h3>
                  {necessary && <span class="always" id={`${input}-always`}>{t['preferences.alwaysOn']}</span>}
                  <input
                    type="checkbox"
                    role="switch"
                    class="switch"
                    id={input}
                    checked={necessary || !!props.choices[id]}
                    disabled={necessary}
                    aria-describedby={description ? `${input}-text` : undefined}
                    onChange={(event) => props.onToggle(id, event.currentTarget.checked)}
                  />
                </div>
                {description && <p id={`${input}-text`}>{description}</p>}
                <Services services={config.categories[id]?.services || {}} t={t} />
              </div>
            );
          })}
        </fieldset>
      </div>
      <Actions>
        <Button name="accept" onClick={props.onAccept}>{t['button.acceptAll']}</Button>
        <Button name="reject" onClick={props.onReject}>{t['button.rejectAll']}</Button>
        <Button name="save" onClick={props.onSave}>{t['button.save']}</Button>
      </Actions>
    </Dialog>
  );
}
