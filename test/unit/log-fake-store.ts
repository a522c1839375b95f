// An in-memory Store (log/types.d.ts) for the server's and the CLI's tests:
// faithful where the server depends on it (one insertBatch = one commit,
// dedupe by the receipt's digest, a hash chain, signed checkpoints,
// retention by receivedAt, pages of rows by seq), and with knobs to make it
// slow, fail or hang. Not a test file itself (no .test.ts).
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Checkpoint, Notice, Received, Row, Stats, Store, VerifyResult } from '../../log/types';
import { canonicalJson, receiptDigest } from '../../log/receipt-schema.mjs';

export const GENESIS = '0'.repeat(64);

export interface FakeStore extends Store {
  rowsStored: Row[];
  /** Every insertBatch call's batch (including failed ones). */
  batches: Received[][];
  checkpointCalls: number;
  retentionCalls: Array<{ before: Date; dryRun?: boolean }>;
  /** While set, insertBatch (and every read) rejects with it. */
  failWith: Error | null;
  /** insertBatch waits this long before committing. */
  delayMs: number;
  /** When set, insertBatch waits for this promise before committing. */
  gate: Promise<void> | null;
  /** Resolved each time a batch committed (for tests that wait on one). */
  committed: Array<() => void>;
  closed: boolean;
  privateKey: KeyObject;
}

const sha256 = (...parts: Array<Buffer | string>) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
};

export function createFakeStore(): FakeStore {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = sha256(publicKey.export({ type: 'spki', format: 'der' })).slice(0, 16);
  const checkpoints: Checkpoint[] = [];
  const notices = new Map<string, Notice>();
  const digests = new Set<string>();
  let nextSeq = 1;

  const store: FakeStore = {
    kind: 'pglite',
    rowsStored: [],
    batches: [],
    checkpointCalls: 0,
    retentionCalls: [],
    failWith: null,
    delayMs: 0,
    gate: null,
    committed: [],
    closed: false,
    privateKey,

    async insertBatch(batch) {
      store.batches.push(batch);
      if (store.delayMs) await new Promise((resolve) => setTimeout(resolve, store.delayMs));
      if (store.gate) await store.gate;
      if (store.failWith) throw store.failWith;
      let inserted = 0;
      let skipped = 0;
      for (const received of batch) {
        const digest = receiptDigest(received.receipt);
        if (digests.has(digest)) {
          skipped++;
          continue;
        }
        digests.add(digest);
        const seq = nextSeq++;
        const prevHash = store.rowsStored.at(-1)?.hash ?? (seq == 1 ? GENESIS : checkpoints.at(-1)!.hash);
        const fields = {
          seq,
          consentId: received.receipt.id,
          time: received.receipt.time,
          receivedAt: received.receivedAt.toISOString(),
          ip: received.ip,
          userAgent: received.userAgent,
          origin: received.origin,
          originAllowed: received.originAllowed,
        };
        const record = canonicalJson({ ...fields, digest, receipt: received.receipt });
        const hash = sha256(Buffer.from(prevHash, 'hex'), Buffer.from(record, 'utf8'));
        store.rowsStored.push({ ...fields, receipt: received.receipt, digest, record, prevHash, hash });
        inserted++;
      }
      for (const resolve of store.committed.splice(0)) resolve();
      return { inserted, skipped };
    },

    async history(consentId) {
      if (store.failWith) throw store.failWith;
      const rows = store.rowsStored.filter((row) => row.consentId == consentId);
      const last = rows.at(-1)?.seq ?? Infinity;
      const checkpoint = [...checkpoints].reverse().find((c) => c.seq >= last) ?? null;
      return { rows, checkpoint };
    },

    async rows({ afterSeq = 0, limit }) {
      if (store.failWith) throw store.failWith;
      return store.rowsStored.filter((row) => row.seq > afterSeq).slice(0, limit);
    },

    async stats({ from, to } = {}): Promise<Stats> {
      if (store.failWith) throw store.failWith;
      const rows = store.rowsStored.filter((row) => {
        const day = row.receivedAt.slice(0, 10);
        return (!from || day >= from) && (!to || day <= to);
      });
      const days = new Map<string, Stats['days'][number]>();
      const categories = new Map<string, { category: string; allowed: number; of: number }>();
      for (const row of rows) {
        const day = row.receivedAt.slice(0, 10);
        const key = `${day} ${row.receipt.regime}`;
        const entry = days.get(key) ?? { day, regime: row.receipt.regime, receipts: 0, optIns: 0, optOuts: 0, gpc: 0 };
        entry.receipts++;
        if (Object.entries(row.receipt.categories).some(([id, on]) => id != 'necessary' && on)) entry.optIns++;
        if (row.receipt.optedOut) entry.optOuts++;
        if (row.receipt.gpc) entry.gpc++;
        days.set(key, entry);
        for (const [id, on] of Object.entries(row.receipt.categories)) {
          const category = categories.get(id) ?? { category: id, allowed: 0, of: 0 };
          category.of++;
          if (on) category.allowed++;
          categories.set(id, category);
        }
      }
      const gpc = rows.filter((row) => row.receipt.gpc).length;
      return { total: rows.length, days: [...days.values()], categories: [...categories.values()], gpcShare: rows.length ? gpc / rows.length : 0 };
    },

    async verify(): Promise<VerifyResult> {
      if (store.failWith) throw store.failWith;
      let previous: Row | undefined;
      for (const row of store.rowsStored) {
        const hash = sha256(Buffer.from(row.prevHash, 'hex'), Buffer.from(row.record, 'utf8'));
        if (hash != row.hash || (previous && row.prevHash != previous.hash)) {
          return { ok: false, checked: row.seq - store.rowsStored[0].seq, first: store.rowsStored[0].seq, last: row.seq, brokenAt: row.seq, reason: 'hash mismatch', checkpoints: checkpoints.length, badCheckpoints: [] };
        }
        previous = row;
      }
      return { ok: true, checked: store.rowsStored.length, first: store.rowsStored[0]?.seq ?? null, last: previous?.seq ?? null, checkpoints: checkpoints.length, badCheckpoints: [] };
    },

    async checkpoint() {
      store.checkpointCalls++;
      if (store.failWith) throw store.failWith;
      const head = store.rowsStored.at(-1);
      if (!head || checkpoints.at(-1)?.seq == head.seq) return null;
      const time = new Date().toISOString();
      const signature = sign(null, Buffer.from(`${head.seq}\n${head.hash}\n${time}`, 'utf8'), privateKey).toString('base64');
      const checkpoint = { id: checkpoints.length + 1, seq: head.seq, hash: head.hash, time, signature, keyId };
      checkpoints.push(checkpoint);
      return checkpoint;
    },

    async checkpoints() {
      if (store.failWith) throw store.failWith;
      return [...checkpoints];
    },

    async retention({ before, dryRun = false }) {
      store.retentionCalls.push({ before, dryRun });
      if (store.failWith) throw store.failWith;
      const old = store.rowsStored.filter((row) => new Date(row.receivedAt) < before);
      if (!dryRun) store.rowsStored = store.rowsStored.filter((row) => new Date(row.receivedAt) >= before);
      return { rows: old.length, before: before.toISOString(), dryRun };
    },

    async registerNotice(notice) {
      if (store.failWith) throw store.failWith;
      const stored = { ...notice, registeredAt: new Date().toISOString() };
      notices.set(notice.hash, stored);
      return stored;
    },

    async notice(hash) {
      if (store.failWith) throw store.failWith;
      return notices.get(hash) ?? null;
    },

    publicKey() {
      return pem;
    },

    async close() {
      store.closed = true;
    },
  };
  return store;
}
