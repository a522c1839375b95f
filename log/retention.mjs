// Retention: a consent is kept as long as it has to be proven, then
// deleted (storage limitation, GDPR Art. 5(1)(e)). `--retention 13` keeps 13
// months of rows, a year of a consent's life plus a month of slack; the
// job runs at start and then daily, so a server restarted every day still
// deletes.

/**
 * The instant `months` calendar months before `now` (UTC). The 31st of a
 * month minus one month is the last day of the shorter month before.
 * @param {Date} now
 * @param {number} months
 */
export function monthsBefore(now, months) {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() - months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(now.getUTCDate(), lastDay);
  return new Date(Date.UTC(year, month, day, now.getUTCHours(), now.getUTCMinutes(), now.getUTCSeconds(), now.getUTCMilliseconds()));
}

/**
 * Runs the retention job now and every `everyMs`; returns a stop function.
 * A failure is logged and tried again next time.
 * @param {{
 *   store: import('./types').Store,
 *   months: number,
 *   everyMs: number,
 *   now: () => Date,
 *   log: (line: string) => void,
 * }} options
 */
export function scheduleRetention({ store, months, everyMs, now, log }) {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      const result = await store.retention({ before: monthsBefore(now(), months) });
      if (result.rows) log(`retention: deleted ${result.rows} rows received before ${result.before}`);
    } catch (error) {
      log(`retention failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      running = false;
    }
  };
  const first = setTimeout(run, 0);
  const timer = setInterval(run, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
