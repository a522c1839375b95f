// examples/react: a React app rendered on the server (react-dom/server, by
// the examples server) and hydrated, with samtykke/react's <Gate>s. The
// tests are shared with the Vue example: see gated-app.ts.
import { gatedAppTests } from './gated-app';

gatedAppTests('/react/', 'React');
