// The entry of dist/samtykke.us.min.js: the GPP encoder and the full API,
// fetched by the core only where a US law applies (see load-chunk.ts).
import { startGpp } from './gpp/api';
import { US_MODULE } from '../ui/load-chunk';

(window as unknown as Record<symbol, unknown>)[US_MODULE] = { startGpp };
