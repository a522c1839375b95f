// The entry of dist/samtykke.us.min.js: the GPP encoder, the full API and
// the opt-out links, fetched by the core only where a US law applies or the
// page has an opt-out link (see load-chunk.ts).
import { startUs } from './us-module.js';
import { US_MODULE } from '../loading/load-chunk.js';

(window as unknown as Record<symbol, unknown>)[US_MODULE] = { startUs };
