// How many cases each fast-check property runs, and how long its test may
// take. By default: the fixed seed (setup.ts) and each property's own count,
// so that CI is fast and a failure reproduces. Before a release, explore:
//   SAMTYKKE_FC_SEED=$RANDOM SAMTYKKE_FC_RUNS=10000 npx vitest run
// SAMTYKKE_FC_RUNS then sets every property's count (never below its own),
// and the test timeouts grow with it, so a long run fails on a
// counterexample, not on vitest's 5 s limit.

export const SEED = 20260115;
export const RUNS = 200;

function whole(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a whole number above 0, not ${process.env[name]}`);
  return value;
}

export const seed = whole('SAMTYKKE_FC_SEED', SEED);
const asked = process.env.SAMTYKKE_FC_RUNS ? whole('SAMTYKKE_FC_RUNS', RUNS) : undefined;

/** Cases for a property that runs `own` by default. */
export const runs = (own = RUNS): number => Math.max(own, asked ?? 0);

/** vitest's timeout for a test running `own` cases by default: 5 s per
 * 200 cases (about 20 times what they take here), at least 5 s. */
export const timeout = (own = RUNS): number => Math.max(5_000, Math.ceil(runs(own) / 200) * 5_000);
