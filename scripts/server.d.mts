// Types for server.mjs, which the browser tests and the README test import.
import type { IncomingMessage, RequestListener } from 'node:http';

/** Host → stand-in file name, from examples/stand-ins/hosts.json. */
export const STAND_INS: Record<string, string>;
/** The stand-in file for a third-party URL, or undefined if there is none. */
export function standIn(url: string): { path: string; type: string } | undefined;
/** The region a CDN would pass: `?region=` wins. */
export function regionOf(request: IncomingMessage): string | undefined;
/** The strict policy the strict-csp example is served with. */
export function strictPolicy(nonce: string): string;
/** A rule of an example's redirects.json as the server answers it, or undefined if it answers none. */
export function redirectRule(rule: unknown): { to: string; status: 301 | 302 | 303 | 307 | 308; cookies: string[] } | undefined;
export function handler(): RequestListener;
export function startServer(options?: { port?: number; tries?: number }): Promise<{ url: string; close(): Promise<void> }>;
