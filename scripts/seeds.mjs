// `npm run test:seeds`: the property tests under several random seeds at
// 10,000 cases each, as a release should survive (DEVELOPERS.md). Each run
// prints its seed, so a failure reproduces with SAMTYKKE_FC_SEED.
import { spawnSync } from 'node:child_process';

const FILES = ['test/unit/properties.test.ts', 'test/unit/codec.test.ts', 'test/unit/config.test.ts', 'test/unit/ui-format.test.ts'];
const count = Number(process.env.SEEDS || 3);
let failed = 0;
for (let i = 0; i < count; i++) {
  const seed = String(Math.floor(Math.random() * 2 ** 31));
  console.log(`seed ${seed}, 10,000 cases per property`);
  const run = spawnSync('npx', ['vitest', 'run', ...FILES], {
    stdio: 'inherit',
    env: { ...process.env, SAMTYKKE_FC_SEED: seed, SAMTYKKE_FC_RUNS: process.env.SAMTYKKE_FC_RUNS || '10000' },
  });
  if (run.status !== 0) failed++, console.error(`seed ${seed} failed`);
}
process.exit(failed ? 1 : 0);
