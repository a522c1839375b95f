export interface Emitted { file: string; sources: readonly string[] }
export interface Share { bytes: number; requests: number; files: string[] }
export interface BundlerRow {
  name: string;
  version: string;
  returning?: { bytes: number; requests: number } | null;
  first?: { bytes: number; requests: number } | null;
  english?: number | null;
  danish?: boolean | null;
  missing?: readonly string[];
}
export const BUNDLER_TARGETS: { returningBytes: number; returningRequests: number; firstBytes: number; englishCopies: number; danish: boolean };
export function fromNodeModules(source: string): boolean;
export function isAppSource(source: string, appFiles: readonly string[]): boolean;
export function ownFiles(emitted: readonly Emitted[], appFiles: readonly string[]): string[];
export function share(requested: readonly string[], own: readonly string[], sizes: Record<string, number>): Share;
export function filesContaining(texts: readonly { file: string; text: string }[], needle: string): string[];
export function bundlerTable(rows: readonly BundlerRow[], targets?: typeof BUNDLER_TARGETS): string;
