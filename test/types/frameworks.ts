// The bindings, as a React or Vue app imports them from npm (see consumer.ts).
import { createElement } from 'react';
import { Gate, useAllowed, useConsent, allow, NOTHING, type GateProps } from 'samtykke/react';
import { SamtykkeGate, useAllowed as useAllowedRef, useConsent as useConsentRef } from 'samtykke/vue';
import type { ConsentSnapshot } from 'samtykke';

export function Analytics() {
  const snapshot: ConsentSnapshot = useConsent();
  const allowed: boolean = useAllowed('analytics');
  const props: GateProps = { name: 'marketing', fallback: createElement('button', { onClick: () => allow('marketing') }, 'Load') };
  return createElement(Gate, props, allowed && snapshot.decided ? 'on' : 'off');
}

export function setup() {
  const snapshot = useConsentRef();
  const regime: string = snapshot.value.regime;
  const allowed: boolean = useAllowedRef('analytics').value;
  return { regime, allowed, gate: SamtykkeGate, nothing: NOTHING.categories };
}

// @ts-expect-error useAllowed() gives a boolean, not a number
const wrong: number = useAllowed('analytics');
// @ts-expect-error the Vue one gives a computed ref, not a boolean
const bare: boolean = useAllowedRef('analytics');
void wrong, bare;
