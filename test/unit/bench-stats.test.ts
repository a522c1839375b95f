// @vitest-environment node
// The benchmark's arithmetic: what the table says must follow from the runs.
import { describe, expect, it } from 'vitest';
import { cell, ratio, summary, table } from '../../bench/stats.mjs';

describe('summary', () => {
  it('takes the median, min and max, skipping runs that gave no number', () => {
    expect(summary([30, 10, 20])).toEqual({ median: 20, min: 10, max: 30, n: 3 });
    expect(summary([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4, n: 4 });
    expect(summary([5, null, NaN, undefined])).toEqual({ median: 5, min: 5, max: 5, n: 1 });
    expect(summary([])).toBeNull();
  });
});

describe('ratio', () => {
  const s = (median: number) => ({ median, min: median, max: median, n: 1 });
  it('compares with the best (lowest) peer', () => {
    expect(ratio(s(10), [s(40), s(20), null])).toBe(0.5);
    expect(ratio(s(30), [s(40), s(20)])).toBe(1.5);
  });
  it('calls a tie at zero even, and anything over a zero peer infinitely behind', () => {
    expect(ratio(s(0), [s(0)])).toBe(1);
    expect(ratio(s(3), [s(0), s(5)])).toBe(Infinity);
    expect(ratio(null, [s(1)])).toBeNull();
  });
});

describe('the table', () => {
  it('shows medians with their range, and the ratio to the best peer', () => {
    expect(cell({ median: 1234.4, min: 1000, max: 1500, n: 3 })).toBe('1,234 (1,000–1,500)');
    expect(cell({ median: 0.05, min: 0.05, max: 0.05, n: 3 }, 3)).toBe('0.050');
    expect(cell(null)).toBe('–');
    const sdks = [{ id: 'a', name: 'ours' }, { id: 'b', name: 'peer' }];
    const results = { a: { x: summary([10, 12, 14]) }, b: { x: summary([20]) } };
    expect(table([{ key: 'x', label: 'bytes' }], sdks, results).split('\n')).toEqual([
      '| figure | ours | peer | ours / best peer |',
      '| --- | ---: | ---: | ---: |',
      '| bytes | 12 (10–14) | 20 | 0.60 |',
    ]);
  });

  it("never counts samtykke's own other builds as a peer", () => {
    const sdks = [{ id: 'a', name: 'ours', own: true }, { id: 's', name: 'ours, built', own: true }, { id: 'b', name: 'peer' }];
    const results = { a: { x: summary([10]) }, s: { x: summary([5]) }, b: { x: summary([20]) } };
    expect(table([{ key: 'x', label: 'bytes' }], sdks, results).split('\n')[2]).toBe('| bytes | 10 | 5 | 20 | 0.50 |');
  });
});
