// Types of scan/report.mjs (plain ESM JavaScript with JSDoc), for the
// TypeScript that imports it (the tests).
import type { ScanResult } from './types';

/** The HTML report of a scan: one self-contained page (no script, nothing
 * fetched; its own CSP forbids both), every value from the scan escaped. */
export function renderReport(result: ScanResult): string;

/** The one escaping function: replaces & < > " ' for text and quoted attributes. */
export function esc(value: unknown): string;

/** The URL as an href when it is http(s); undefined for anything else. */
export function safeHref(url: string | undefined): string | undefined;

/** The verdict in words, as the report's header says it. */
export function verdict(result: ScanResult): { tone: 'fail' | 'warn' | 'pass' | 'error'; headline: string; exit: string };
