// @vitest-environment node
// The README's "Use with React", "Use with Vue" and "Use with Svelte"
// blocks work: the React and Vue ones type-check against the published
// declarations (dist/esm) and the real React and Vue types. The Svelte
// store is run here as on a server, and in readme-svelte.test.ts as in a
// browser.
import { expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { claim } from '../shared/readme';
import type { ConsentSnapshot } from '../../src/consent';
import { ROOT, scratch, svelteBlock } from './readme-blocks';

it('types the React and Vue blocks against the published types', () => {
  const dir = scratch();
  try {
    writeFileSync(join(dir, 'react-app.tsx'), claim('tsx', "from 'samtykke/react'").code);
    writeFileSync(join(dir, 'vue-app.ts'), claim('ts', "from 'samtykke/vue'").code);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2020', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2020', 'DOM'],
        jsx: 'react-jsx', types: [], skipLibCheck: true,
        // The published declarations, as `npm install samtykke` gives them.
        paths: {
          samtykke: [join(ROOT, 'dist/esm/index.d.ts')],
          'samtykke/react': [join(ROOT, 'dist/esm/react.d.ts')],
          'samtykke/vue': [join(ROOT, 'dist/esm/vue.d.ts')],
        },
      },
      files: ['react-app.tsx', 'vue-app.ts'],
    }));
    const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 60_000);

it('makes the Svelte block a store that allows nothing on a server, whatever the regime', async () => {
  const dir = scratch();
  try {
    const { snapshot, consent } = await svelteBlock(dir, { regime: 'opt-out', categories: { analytics: {} } });
    const seen: ConsentSnapshot[] = [];
    snapshot.subscribe((value) => seen.push(value));
    consent.set({ analytics: true });
    expect(seen.map((s) => s.categories)).toEqual([{ necessary: true, analytics: false }]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
