// The script-tag build's chunk loader (src/loading/load-chunk.ts): a chunk that
// fails or hangs rejects, and the next attempt starts afresh. jsdom never
// fetches scripts, so every request here hangs until the test says.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { chunkLoader, localeLoader, WAIT } from '../../src/loading/load-chunk';

const tags = () => Array.from(document.head.querySelectorAll('script')).map((s) => s.src);

afterEach(() => {
  vi.useRealTimers();
  document.head.replaceChildren();
});

describe('chunkLoader', () => {
  it('rejects a chunk that hangs after WAIT, then tries again, and resolves once the chunk is there', async () => {
    vi.useFakeTimers();
    const key = Symbol('test.chunk');
    const load = chunkLoader<string>(null, 'n0nce', 'samtykke.ui.min.js', key);
    const first = load();
    expect(load()).toBe(first);
    const failed = expect(first).rejects.toMatch(/samtykke\.ui\.min\.js did not load within 10 s/);
    await vi.advanceTimersByTimeAsync(WAIT);
    await failed;
    expect(tags()).toEqual([expect.stringMatching(/\/samtykke\.ui\.min\.js$/)]);

    const second = load();
    expect(tags()).toHaveLength(2);
    (window as any)[key] = 'the ui';
    document.head.querySelectorAll('script')[1].dispatchEvent(new Event('load'));
    // Handed over in a task of its own, apart from the chunk's evaluation.
    await vi.advanceTimersByTimeAsync(0);
    await expect(second).resolves.toBe('the ui');
    delete (window as any)[key];
  });

  it('rejects at once on a load error, naming the URL, and tries again on the next call', async () => {
    const key = Symbol('test.chunk2');
    const load = chunkLoader<string>(null, undefined, 'x.js', key);
    const first = load();
    document.head.querySelector('script')!.dispatchEvent(new Event('error'));
    await expect(first).rejects.toMatch(/x\.js did not load$/);
    load();
    expect(tags()).toHaveLength(2);
  });
});

describe('localeLoader', () => {
  it('fetches locales/<code>.<part>.js, once per language and part, and takes the array from its own symbol', async () => {
    const load = localeLoader(null, undefined);
    const banner = load('da', 'banner');
    expect(load('da', 'banner')).toBe(banner);
    load('da', 'preferences');
    expect(tags()).toEqual([expect.stringMatching(/\/locales\/da\.banner\.js$/), expect.stringMatching(/\/locales\/da\.preferences\.js$/)]);
    (window as any)[Symbol.for('samtykke.locale.da.banner')] = ['Vi værner om dit privatliv'];
    document.head.querySelector('script')!.dispatchEvent(new Event('load'));
    await expect(banner).resolves.toEqual(['Vi værner om dit privatliv']);
    delete (window as any)[Symbol.for('samtykke.locale.da.banner')];
  });
});
