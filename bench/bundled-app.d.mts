export interface Served { url: string; close(): Promise<unknown> }
export interface Bundler { id: string; name: string; version: string; build(app: string, out: string, cache: string): Promise<void> }
export const MAIN: string;
export const BUNDLERS: readonly Bundler[];
export function version(name: string): string;
export function page(script: string): string;
export function makeApp(tmp: string, main?: string): string;
export function serve(out: string): Promise<Served>;
export function viteDev(app: string, cache: string): Promise<Served>;
