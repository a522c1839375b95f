// The small toolkit both hand-written normalisers (core and UI) use to read
// untrusted config: each read either passes its check or records the path
// and the value, and falls back to a safe value. Nothing here throws.
//
// The production bundle keeps its message short and generic (bytes on every
// page view); the development bundle, validate() and the CLI say exactly
// what each key must be, from the zod schema.
import type { Problem } from './problem.js';
import { ID_PATTERN } from './defaults.js';

export type Bag = Record<string, unknown>;
export type Check = (value: unknown) => boolean;

export const isObject = (v: unknown): v is Bag => typeof v == 'object' && v !== null && !Array.isArray(v);
export const isString: Check = (v) => typeof v == 'string';
export const isBoolean: Check = (v) => typeof v == 'boolean';
export const matches = (re: RegExp): Check => (v) => typeof v == 'string' && re.test(v);
export const oneOf = (list: readonly string[]): Check => (v) => list.includes(v as string);
export const isPattern: Check = (v) => isString(v) || v instanceof RegExp;

/** Keys safe to copy onto a plain object: `__proto__` would replace its prototype. */
export const safeKeys = (bag: Bag) => Object.keys(bag).filter((key) => key != '__proto__');

/** A value as a site owner would recognise it, without ever throwing. */
function shown(value: unknown): string {
  const type = typeof value;
  return type == 'string' ? JSON.stringify(value)
    : type == 'number' || type == 'boolean' || value == null ? String(value)
    : Array.isArray(value) ? 'a list'
    : 'an ' + type;
}

export function reader(problems: Problem[]) {
  const fail = (path: string, value: unknown) =>
    void problems.push({
      path,
      // Production prints it as error 1, which says the rest.
      message: __DEV__
        ? `is not valid (got ${shown(value)}), so the safe default is used; samtykke.js or \`npx samtykke validate\` says what it must be`
        : `got ${shown(value)}`,
    });

  /** `bag[key]` if it passes `ok`; else the fallback, reporting a present but wrong value. */
  function read<T>(bag: Bag, key: string, path: string, ok: Check, fallback: T): T {
    const value = bag[key];
    if (value === undefined) return fallback;
    if (ok(value)) return value as T;
    fail(path + key, value);
    return fallback;
  }

  return {
    fail,
    read,
    /** A nested object, or an empty one (reporting anything else). */
    bag: (parent: Bag, key: string, path: string): Bag => read(parent, key, path, isObject, {}),
    /** Copies the keys that pass `ok` (strings by default) onto `to`. */
    copy(from: Bag, keys: string[], path: string, to: Bag, ok = isString) {
      for (const key of keys) {
        const value = read(from, key, path, ok, undefined);
        if (value !== undefined) to[key] = value;
      }
    },
    /** Own keys that are valid ids; `__proto__` and friends are rejected here. */
    ids: (from: Bag, path: string): string[] =>
      Object.keys(from).filter((key) => ID_PATTERN.test(key) || (fail(path + key, key), false)),
  };
}
