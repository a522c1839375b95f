export function check(root?: string): { files: number; problems: string[] };
