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

const SEED = 20260115;
const RUNS = 200;

const seed = Number(process.env.SAMTYKKE_FC_SEED ?? SEED);
const runs = Number(process.env.SAMTYKKE_FC_RUNS ?? RUNS);
if (!Number.isSafeInteger(seed) || !Number.isSafeInteger(runs) || runs < 1) throw new Error('SAMTYKKE_FC_SEED and SAMTYKKE_FC_RUNS must be whole numbers');
if (seed != SEED) console.log(`fast-check seed ${seed} (SAMTYKKE_FC_SEED)`);
fc.configureGlobal({ seed, numRuns: runs });
