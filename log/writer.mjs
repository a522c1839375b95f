// The batching writer: receipts queue here, and one loop writes them with
// one store.insertBatch() per batch. A commit per receipt would cost a
// transaction (and an fsync) per banner click; a batch of a few hundred
// costs one. Each request waits on its own promise, which settles only
// after the batch holding it committed (or failed), so a 204 always means
// stored.
//
// Batches are written one at a time, in arrival order: the store's hash
// chain is one sequence, and concurrent inserts would only contend for it.
// On a store error every receipt of that batch is refused (the server
// answers 503 and the SDK keeps the receipt for a resend) and the loop goes
// on with the next batch: when the database is back, so is the log,
// without a restart. A bounded queue keeps a dead database from turning
// into unbounded memory.
//
// The same loop signs checkpoints (every `checkpointRows` rows or
// `checkpointMs`), between batches, so a checkpoint never races an insert.

/** @typedef {import('./types').Store} Store */
/** @typedef {import('./types').Received} Received */

/** The queue is full: answer 503 at once. */
export class QueueFull extends Error {}
/** The store failed the batch: answer 503. */
export class StoreFailed extends Error {}

/**
 * @param {{
 *   store: Store,
 *   digest: (received: Received) => string,
 *   maxBatch?: number,
 *   maxWaitMs?: number,
 *   maxQueue?: number,
 *   commitTimeoutMs?: number,
 *   checkpointRows?: number,
 *   checkpointMs?: number,
 *   log?: (message: string) => void,
 * }} options
 */
export function createWriter({
  store,
  digest,
  maxBatch = 500,
  maxWaitMs = 10,
  maxQueue = 10_000,
  commitTimeoutMs = 30_000,
  checkpointRows = 10_000,
  checkpointMs = 10 * 60_000,
  log = () => {},
}) {
  /** @type {Array<{ received: Received, key: string, resolve: () => void, reject: (error: Error) => void }>} */
  let queue = [];
  let writing = false;
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  let rowsSinceCheckpoint = 0;
  let checkpointDue = false;
  let closed = false;
  /** @type {Array<() => void>} */
  let idle = [];
  const counters = { batches: 0, inserted: 0, skipped: 0, failedBatches: 0, checkpoints: 0 };
  let storeDown = false;

  const clock = setInterval(() => {
    checkpointDue = true;
    kick();
  }, checkpointMs);
  clock.unref();

  function kick() {
    if (writing || timer) return;
    if (queue.length >= maxBatch || (closed && queue.length) || (checkpointDue && !queue.length)) {
      void run();
    } else if (queue.length) {
      // Wait a little for company: under load a batch fills long before this.
      timer = setTimeout(() => {
        timer = null;
        void run();
      }, maxWaitMs);
    } else {
      for (const resolve of idle.splice(0)) resolve();
    }
  }

  async function run() {
    writing = true;
    try {
      if (queue.length) await writeBatch(queue.splice(0, maxBatch));
      if (checkpointDue || rowsSinceCheckpoint >= checkpointRows) await checkpoint();
    } finally {
      writing = false;
      kick();
    }
  }

  async function writeBatch(/** @type {typeof queue} */ batch) {
    // Two copies of one receipt in a batch (a beacon and its retry) are one
    // row: the store dedupes against stored rows, and need not also dedupe
    // within its own statement.
    /** @type {Map<string, Received>} */
    const unique = new Map();
    for (const item of batch) if (!unique.has(item.key)) unique.set(item.key, item.received);
    try {
      const result = await withTimeout(store.insertBatch([...unique.values()]), commitTimeoutMs);
      counters.batches++;
      counters.inserted += result.inserted;
      counters.skipped += result.skipped;
      rowsSinceCheckpoint += result.inserted;
      if (storeDown) log('the store is back; receipts are stored again');
      storeDown = false;
      for (const item of batch) item.resolve();
    } catch (error) {
      counters.failedBatches++;
      if (!storeDown) log(`the store failed a batch of ${batch.length}: ${messageOf(error)}`);
      storeDown = true;
      const failure = new StoreFailed(messageOf(error));
      for (const item of batch) item.reject(failure);
    }
  }

  async function checkpoint() {
    checkpointDue = false;
    try {
      await withTimeout(store.checkpoint(), commitTimeoutMs);
      counters.checkpoints++;
      rowsSinceCheckpoint = 0;
    } catch (error) {
      // The rows are stored; the checkpoint is tried again next time.
      log(`checkpoint failed: ${messageOf(error)}`);
    }
  }

  return {
    /**
     * Queues a receipt; resolves once it is committed (or was already
     * stored). Rejects with QueueFull at once, or StoreFailed after a failed commit.
     * @param {Received} received
     * @returns {Promise<void>}
     */
    submit(received) {
      if (closed) return Promise.reject(new QueueFull('shutting down'));
      if (queue.length >= maxQueue) return Promise.reject(new QueueFull('queue full'));
      return new Promise((resolve, reject) => {
        queue.push({ received, key: digest(received), resolve, reject });
        kick();
      });
    },
    /** Resolves once everything queued so far is written (or refused). */
    flush() {
      if (!queue.length && !writing && !timer) return Promise.resolve();
      return new Promise((resolve) => idle.push(() => resolve(undefined)));
    },
    /** Stops taking receipts, writes what is queued, stops the clock, and
     * signs a last checkpoint, so a stopped log leaves no unsigned tail. */
    async close() {
      closed = true;
      clearInterval(clock);
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      kick();
      await this.flush();
      if (rowsSinceCheckpoint > 0) await checkpoint();
    },
    get queued() {
      return queue.length;
    },
    /** True after a failed batch, until one succeeds. */
    get storeDown() {
      return storeDown;
    },
    counters,
  };
}

/**
 * A commit that never answers (a hung connection) must not stall the log
 * forever. If it commits after all, the resend is deduped by its digest.
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms) {
  /** @type {ReturnType<typeof setTimeout>} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the store in ${ms} ms`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() => clearTimeout(timer));
}

/** @param {unknown} error */
export function messageOf(error) {
  return error instanceof Error ? error.message : String(error);
}
