// Types for json-schema.mjs, which the unit tests import.
/** The README config reference's "meaning" column, by key (`categories.*.sale`). */
export function keyDocs(readme: string): Map<string, string>;
/** The JSON Schema of `configSchema`, each key described from the README's text. */
export function configJsonSchema(configSchema: unknown, readme: string): Record<string, any>;
