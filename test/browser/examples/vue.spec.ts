// examples/vue: a Vue app rendered on the server (vue/server-renderer, by
// the examples server) and hydrated, with samtykke/vue's <SamtykkeGate>s.
// The tests are shared with the React example: see gated-app.ts.
import { gatedAppTests } from './gated-app';

gatedAppTests('/vue/', 'Vue');
