// Shared by the log's tests: a server on a loopback port over the fake
// store, a valid receipt, and a plain node:http client that sends exactly
// the headers it is given (fetch would add or refuse some).
import { request as httpRequest } from 'node:http';
import { createLogServer, type ServerOptions } from '../../log/server.mjs';
import { createFakeStore, type FakeStore } from './log-fake-store';
import type { Receipt } from '../../log/types';

export const TOKEN = 'test-admin-token-0123456789abcdef';

let counter = 0;
/** A fresh consent id (22 base64url characters), different each call. */
export function consentId(): string {
  counter++;
  return `id${String(counter).padStart(20, '0')}`;
}

export function receipt(overrides: Partial<Receipt> = {}): Receipt {
  return {
    v: 1,
    id: consentId(),
    time: '2026-01-10T12:00:00.000Z',
    revision: 3,
    regime: 'opt-in',
    categories: { necessary: true, preferences: false, analytics: true, marketing: false },
    services: { ga4: true },
    optedOut: false,
    gpc: false,
    limited: false,
    locale: 'da',
    texts: null,
    page: 'https://shop.example/pricing',
    ...overrides,
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export function call(
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** POSTs a receipt (or any text) to /v1/receipts. */
export function post(base: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const text = typeof body == 'string' ? body : JSON.stringify(body);
  return call(`${base}/v1/receipts`, { method: 'POST', headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers }, body: text });
}

export const admin = (headers: Record<string, string> = {}) => ({ Authorization: `Bearer ${TOKEN}`, ...headers });

export interface Running {
  base: string;
  store: FakeStore;
  server: ReturnType<typeof createLogServer>;
  logs: string[];
  stop(): Promise<void>;
}

/** A server over a fresh fake store on 127.0.0.1, port 0. Rate limits are generous unless given. */
export async function start(options: Partial<ServerOptions> = {}, store: FakeStore = createFakeStore()): Promise<Running> {
  const logs: string[] = [];
  const server = createLogServer({
    store,
    token: TOKEN,
    ipPerMinute: 1_000_000,
    idPerMinute: 1_000_000,
    batchWaitMs: 5,
    retentionMonths: null,
    log: (line) => logs.push(line),
    ...options,
  });
  const base = await server.listen(0);
  return { base, store, server, logs, stop: () => server.close(100) };
}
