// The log's counts, computed in SQL (one pass per table of the answer, and
// the same on both engines). A day is the UTC day the server received the
// receipt: the browser's own clock is not to be trusted with the calendar.

/**
 * `from`/`to` as the half-open range [from, to): a bare date YYYY-MM-DD
 * names the whole day, so `to` 2025-01-31 includes the 31st.
 * @param {{ from?: string; to?: string }} [options]
 * @returns {[string | null, string | null]}
 */
export function statsRange({ from, to } = {}) {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const start = from ? new Date(day.test(from) ? `${from}T00:00:00Z` : from) : null;
  let end = to ? new Date(day.test(to) ? `${to}T00:00:00Z` : to) : null;
  if (end && day.test(/** @type {string} */ (to))) end = new Date(end.getTime() + 86_400_000);
  if (start && Number.isNaN(start.getTime())) throw new TypeError('stats: from is not a date');
  if (end && Number.isNaN(end.getTime())) throw new TypeError('stats: to is not a date');
  return [start?.toISOString() ?? null, end?.toISOString() ?? null];
}

// The receipts in range, with what each counts towards. An opt-in is any
// category other than `necessary` allowed.
const IN_RANGE = `WITH r AS (
  SELECT to_char(received_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
         coalesce(receipt->>'regime', '') AS regime,
         CASE WHEN jsonb_typeof(receipt->'categories') = 'object' THEN receipt->'categories' ELSE '{}'::jsonb END AS categories,
         coalesce(receipt->'optedOut' = 'true'::jsonb, false) AS opted_out,
         coalesce(receipt->'gpc' = 'true'::jsonb, false) AS gpc
  FROM receipts
  WHERE ($1::timestamptz IS NULL OR received_at >= $1::timestamptz)
    AND ($2::timestamptz IS NULL OR received_at < $2::timestamptz)
)`;

const DAYS = `${IN_RANGE}
SELECT day, regime, count(*) AS receipts,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM jsonb_each(categories) c WHERE c.key <> 'necessary' AND c.value = 'true'::jsonb)) AS opt_ins,
       count(*) FILTER (WHERE opted_out) AS opt_outs,
       count(*) FILTER (WHERE gpc) AS gpc
FROM r GROUP BY day, regime ORDER BY day, regime`;

const CATEGORIES = `${IN_RANGE}
SELECT c.key AS category, count(*) FILTER (WHERE c.value = 'true'::jsonb) AS allowed, count(*) AS "of"
FROM r, jsonb_each(r.categories) c GROUP BY c.key ORDER BY c.key`;

/**
 * @param {import('./db.mjs').Queryable} db
 * @param {{ from?: string; to?: string }} [options]
 * @returns {Promise<import('./types').Stats>}
 */
export async function stats(db, options = {}) {
  const range = statsRange(options);
  const days = (await db.query(DAYS, range)).rows.map((r) => ({
    day: r.day,
    regime: r.regime,
    receipts: Number(r.receipts),
    optIns: Number(r.opt_ins),
    optOuts: Number(r.opt_outs),
    gpc: Number(r.gpc),
  }));
  const categories = (await db.query(CATEGORIES, range)).rows.map((r) => ({ category: r.category, allowed: Number(r.allowed), of: Number(r.of) }));
  const total = days.reduce((sum, day) => sum + day.receipts, 0);
  const gpc = days.reduce((sum, day) => sum + day.gpc, 0);
  return { total, days, categories, gpcShare: total ? gpc / total : 0 };
}
