export interface Summary { median: number; min: number; max: number; n: number }
export function summary(values: readonly unknown[]): Summary | null;
export function ratio(ours: Summary | null, peers: readonly (Summary | null)[]): number | null;
export function cell(stat: Summary | null, digits?: number): string;
export function table(figures: readonly { key: string; label: string; digits?: number }[], sdks: readonly { id: string; name: string }[], results: Record<string, Record<string, Summary | null>>): string;
