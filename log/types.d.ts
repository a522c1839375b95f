// The consent log's shared shapes (`samtykke log`): what the store offers
// the server and the CLI. The modules in log/ are plain ESM JavaScript that
// refer to these with JSDoc (`@typedef {import('./types').Store} Store`).

/** A receipt as the SDK sends it: the SDK's own type (src/receipts.ts), validated. */
export type { Receipt } from '../dist/esm/receipts.js';
import type { Receipt } from '../dist/esm/receipts.js';

/** What the server adds, which the browser must not be trusted with. */
export interface Received {
  receipt: Receipt;
  /** When the server got it. */
  receivedAt: Date;
  /** The client's IP truncated (/24, /48), or null with --store-ip off. */
  ip: string | null;
  userAgent: string | null;
  /** The request's Origin header, and whether it was on the allow-list. */
  origin: string | null;
  originAllowed: boolean;
}

/** One stored row, as history and export give it. */
export interface Row {
  /** The chain's sequence number: 1, 2, 3, … with no gap except where retention deleted the oldest. */
  seq: number;
  consentId: string;
  /** The receipt's own time (the browser's). */
  time: string;
  receivedAt: string;
  ip: string | null;
  userAgent: string | null;
  origin: string | null;
  originAllowed: boolean;
  receipt: Receipt;
  /** SHA-256 (hex) of the receipt's canonical text: what makes a resend the same receipt. */
  digest: string;
  /** The canonical text of the whole record that the chain hashes. */
  record: string;
  /** Hex: the previous row's hash, and SHA-256(previous hash bytes ‖ UTF-8 record). */
  prevHash: string;
  hash: string;
}

/** A signed statement that the chain reached `seq` with `hash` at `time`. */
export interface Checkpoint {
  id: number;
  seq: number;
  hash: string;
  time: string;
  /** Ed25519 over the UTF-8 of `${seq}\n${hash}\n${time}`, base64. */
  signature: string;
  /** The public key's SHA-256 fingerprint (hex, first 16 chars). */
  keyId: string;
}

export interface Notice {
  /** The text version the SDK puts in `texts`. */
  hash: string;
  revision: number | null;
  locale: string;
  /** The texts as shown: key → string. */
  texts: Record<string, string>;
  registeredAt: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Rows checked, and the range. */
  checked: number;
  first: number | null;
  last: number | null;
  /** The first sequence number where the chain breaks, and why. */
  brokenAt?: number;
  reason?: string;
  /** Checkpoints checked, and any whose signature or hash does not match. */
  checkpoints: number;
  badCheckpoints: number[];
}

export interface Stats {
  total: number;
  /** Per day (UTC, YYYY-MM-DD) and regime: receipts, opt-ins (any non-necessary category allowed), opt-outs (optedOut). */
  days: Array<{ day: string; regime: string; receipts: number; optIns: number; optOuts: number; gpc: number }>;
  /** Per category: how many receipts allowed it, of how many that named it. */
  categories: Array<{ category: string; allowed: number; of: number }>;
  gpcShare: number;
}

export interface Store {
  /** Which engine: 'pglite' or 'postgres'. */
  kind: 'pglite' | 'postgres';
  /** Stores a batch in ONE statement, in one transaction; a receipt already
   * stored (same digest) is skipped. Resolves once committed. */
  insertBatch(batch: Received[]): Promise<{ inserted: number; skipped: number }>;
  /** Every row of one consent id, oldest first, with the newest checkpoint that covers the last one (if any). */
  history(consentId: string): Promise<{ rows: Row[]; checkpoint: Checkpoint | null }>;
  /** Rows in sequence order, a page at a time (for streaming exports). */
  rows(options: { afterSeq?: number; limit: number }): Promise<Row[]>;
  stats(options?: { from?: string; to?: string }): Promise<Stats>;
  /** Recomputes the chain and checks every checkpoint's signature. */
  verify(): Promise<VerifyResult>;
  /** Signs a checkpoint at the chain's head if it moved since the last one. */
  checkpoint(): Promise<Checkpoint | null>;
  checkpoints(): Promise<Checkpoint[]>;
  /** Deletes rows received before `before` (the only DELETE the table allows); dryRun counts them. */
  retention(options: { before: Date; dryRun?: boolean }): Promise<{ rows: number; before: string; dryRun: boolean }>;
  registerNotice(notice: Omit<Notice, 'registeredAt'>): Promise<Notice>;
  notice(hash: string): Promise<Notice | null>;
  /** The public key checkpoints are signed with (PEM, SPKI). */
  publicKey(): string;
  close(): Promise<void>;
}
