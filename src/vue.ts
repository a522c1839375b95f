// samtykke/vue: composables and a gate component for Vue 3.3 and later,
// with render functions (no SFC compiler needed).
//
// As with samtykke/react, there is no plugin to install: the app calls
// init(config) once in its browser entry, before mount(), and the
// composables read the page's one consent object with current(). On a
// server (no init(), no document) they give NOTHING. In a component they
// switch to the visitor's real consent once it is mounted, so a
// server-rendered page hydrates with the same HTML the server sent.
import {
  computed,
  defineComponent,
  getCurrentInstance,
  getCurrentScope,
  onMounted,
  onScopeDispose,
  shallowReadonly,
  shallowRef,
  toValue,
  type ComputedRef,
  type MaybeRefOrGetter,
  type ShallowRef,
  type SlotsType,
  type VNodeChild,
} from 'vue';
import type { ConsentSnapshot } from './consent.js';
import { current } from './api.js';
import { NOTHING, allow, allows, snapshotOf, watch } from './bindings/watch.js';

export { allow, NOTHING };

/**
 * The visitor's consent as a readonly ref, updated on every change and
 * unsubscribed when the component (or effect scope) is disposed. NOTHING
 * on the server, before mount and before init().
 */
export function useConsent(): Readonly<ShallowRef<ConsentSnapshot>> {
  const state = shallowRef(NOTHING);
  let stop = () => {};
  const start = () => {
    const consent = current();
    state.value = snapshotOf(consent);
    stop = watch(consent, (next) => (state.value = next));
  };
  // onMounted never runs on a server, and runs after hydration in the browser.
  if (getCurrentInstance()) onMounted(start);
  else start();
  if (getCurrentScope()) onScopeDispose(() => stop());
  return shallowReadonly(state);
}

/** Whether a category or service (by id) may run now; false on the server. */
export function useAllowed(name: MaybeRefOrGetter<string>): ComputedRef<boolean> {
  const consent = useConsent();
  return computed(() => allows(consent.value, toValue(name)));
}

/**
 * Renders its default slot only while `name` is allowed, else the
 * `fallback` slot, which gets `allow` (allows that one category or service):
 * `<SamtykkeGate name="videohost"><template #fallback="{ allow }">…`.
 */
export const SamtykkeGate = defineComponent({
  name: 'SamtykkeGate',
  props: { name: { type: String, required: true } },
  slots: Object as SlotsType<{ default?: () => VNodeChild; fallback?: (props: { allow: () => void }) => VNodeChild }>,
  setup(props, { slots }) {
    const allowed = useAllowed(() => props.name);
    return () => (allowed.value ? slots.default?.() : slots.fallback?.({ allow: () => allow(props.name) }));
  },
});
