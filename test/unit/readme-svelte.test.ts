// The README's "Use with Svelte" block in a browser (jsdom): the store
// follows every change, stops listening after its last subscriber and is
// fresh for the next one, as Svelte's `readable` contract asks. (On a server: readme-frameworks.test.ts.)
import { expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import type { ConsentSnapshot } from '../../src/consent';
import { scratch, svelteBlock } from './readme-blocks';

it('makes the Svelte block a store that follows every change and stops listening after its last subscriber', async () => {
  const dir = scratch();
  try {
    // Opt-out: analytics starts allowed, and no banner is fetched; a region
    // outside the US: no US chunk either (nothing loads after the test).
    const { snapshot, consent } = await svelteBlock(dir, { regime: 'opt-out', region: 'NO', categories: { analytics: {} } });
    const seen: ConsentSnapshot[] = [];
    const unsubscribe = snapshot.subscribe((value) => seen.push(value));
    expect(seen.map((s) => s.categories)).toEqual([{ necessary: true, analytics: true }]);
    consent.set({ analytics: false });
    expect(seen.map((s) => s.categories.analytics)).toEqual([true, false]);
    unsubscribe();
    consent.set({ analytics: true });
    expect(seen).toHaveLength(2);
    // A change while nobody listened is there for the next subscriber.
    const later: ConsentSnapshot[] = [];
    snapshot.subscribe((value) => later.push(value));
    expect(later.at(-1)!.categories.analytics).toBe(true);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
