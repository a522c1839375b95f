export const SINKS: [string, RegExp][];
export function findSinks(code: string): { name: string; context: string }[];
export function withoutHtmlSinks(): {
  name: string;
  transform(this: unknown, code: string, id: string): { code: string; map: null } | null;
};
