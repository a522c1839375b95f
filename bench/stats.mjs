// Pure helpers for the benchmark's numbers: summaries, ratios, the table.

/** Median, min and max of a list of numbers (null entries are skipped). */
export function summary(values) {
  const sorted = values.filter((v) => typeof v == 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return null;
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** samtykke's median over the best (lowest) peer median; < 1 means ahead. */
export function ratio(ours, peers) {
  const best = peers.filter((s) => s != null).reduce((low, s) => (low == null || s.median < low.median ? s : low), null);
  if (ours == null || best == null) return null;
  if (best.median == 0) return ours.median == 0 ? 1 : Infinity;
  return ours.median / best.median;
}

const round = (value, digits) => (digits == 0 ? Math.round(value).toLocaleString('en-US') : value.toFixed(digits));

/** "123 (110–140)", or just "123" when every run gave the same. */
export function cell(stat, digits = 0) {
  if (stat == null) return '–';
  if (stat.min == stat.max) return round(stat.median, digits);
  return `${round(stat.median, digits)} (${round(stat.min, digits)}–${round(stat.max, digits)})`;
}

/**
 * A markdown table: one row per figure, one column per SDK (ours first),
 * then the ratio ours / best peer. SDKs marked `own` (samtykke's other
 * builds) are never counted as peers.
 */
export function table(figures, sdks, results) {
  const [ours] = sdks;
  const lines = [
    `| figure | ${sdks.map((s) => s.name).join(' | ')} | ${ours.name} / best peer |`,
    `| --- | ${sdks.map(() => '---:').join(' | ')} | ---: |`,
  ];
  for (const figure of figures) {
    const stats = sdks.map((s) => results[s.id]?.[figure.key] ?? null);
    const r = ratio(stats[0], stats.filter((_, i) => i > 0 && !sdks[i].own));
    const shown = r == null ? '–' : r == Infinity ? '∞' : r.toFixed(2);
    lines.push(`| ${figure.label} | ${stats.map((s) => cell(s, figure.digits)).join(' | ')} | ${shown} |`);
  }
  return lines.join('\n');
}
