// fast-check with a fixed seed, for every unit test file: a property that
// fails in CI fails the same way on every machine, and the counterexample in
// the report reproduces with a plain `npx vitest run`. Properties without
// their own `numRuns` get RUNS cases.
//
// To explore beyond the fixed stream (say, before a release):
//   SAMTYKKE_FC_SEED=$RANDOM npx vitest run
//   SAMTYKKE_FC_RUNS=10000 npx vitest run test/unit/properties.test.ts
// A failure found that way names its seed; keep the counterexample as an
// example test, not the seed.
import fc from 'fast-check';
import { vi } from 'vitest';
import { RUNS, SEED, runs, seed, timeout } from './fc-runs';

if (seed != SEED) console.log(`fast-check seed ${seed} (SAMTYKKE_FC_SEED)`);
fc.configureGlobal({ seed, numRuns: runs(RUNS) });
// Properties without their own count get RUNS cases; their tests the time that takes.
vi.setConfig({ testTimeout: timeout(RUNS) });
