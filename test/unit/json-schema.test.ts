// @vitest-environment node
// dist/samtykke.schema.json, as scripts/json-schema.mjs writes it: the zod
// schema's keys, enums and patterns, each key described by its line in the
// README's config reference.
import { describe, expect, it } from 'vitest';
import { configJsonSchema, keyDocs } from '../../scripts/json-schema.mjs';
import { configSchema } from '../../src/config/schema';
import { RIGHTS } from '../../src/config/defaults';
import { SENSITIVE_IDS } from '../../src/core/sensitive';
import { README } from '../shared/readme';

const schema = configJsonSchema(configSchema, README);
const category = schema.properties.categories.additionalProperties;
const centre = schema.properties.privacyCentre;

describe('the JSON Schema', () => {
  it('lists the 16 sensitive-data ids as the enum of categories.*.sensitive', () => {
    expect(category.properties.sensitive).toMatchObject({ type: 'array', items: { type: 'string', enum: SENSITIVE_IDS } });
    expect(SENSITIVE_IDS).toHaveLength(16);
  });

  it('describes a category\'s sensitive data and retention', () => {
    expect(category.properties.sensitive.description).toMatch(/^The sensitive personal information it uses, by id/);
    expect(category.properties.retention).toMatchObject({ type: 'string', description: expect.stringContaining('Notice at Collection') });
  });

  it('has gpcLimitsSensitive, described', () => {
    expect(schema.properties.gpcLimitsSensitive).toMatchObject({ type: 'boolean', description: expect.stringContaining('GPC signal') });
  });

  it('has the privacy centre, every right taking a method or a non-empty list of them', () => {
    expect(Object.keys(centre.properties)).toEqual(['rights', 'tollFree', 'onlineOnly', 'noticeAtCollection']);
    expect(centre.additionalProperties).toBe(false);
    const rights = centre.properties.rights;
    expect(Object.keys(rights.properties)).toEqual([...RIGHTS]);
    for (const right of RIGHTS) {
      const [one, list] = rights.properties[right].anyOf;
      expect(one).toMatchObject({ type: 'string', pattern: expect.any(String) });
      expect(list).toMatchObject({ type: 'array', minItems: 1, items: one });
      expect(rights.properties[right].description, right).toBeTruthy();
    }
    expect(centre.properties.onlineOnly.type).toBe('boolean');
    expect(new RegExp(centre.properties.tollFree.pattern).test('+1-800-555-0100')).toBe(true);
  });

  it('refuses a javascript: method by its pattern', () => {
    const pattern = new RegExp(centre.properties.rights.properties.access.anyOf[0].pattern, 'i');
    for (const method of ['/privacy/request', 'https://example.com/r', 'mailto:p@example.com', 'tel:+1-800-555-0100']) expect(pattern.test(method), method).toBe(true);
    for (const method of ['javascript:alert(1)', 'http://example.com', '//example.com', '']) expect(pattern.test(method), method).toBe(false);
  });

  it('describes every key the README documents, without its Markdown in the plain description', () => {
    const docs = keyDocs(README);
    for (const key of ['gpcLimitsSensitive', 'categories.*.sensitive[]', 'privacyCentre.rights.complaint', 'categories.*.services.*.cookies[].name']) expect(docs.has(key), key).toBe(true);
    expect(schema.properties.regime).toMatchObject({ description: 'opt-in, opt-out or auto.', markdownDescription: '`opt-in`, `opt-out` or `auto`.' });
    const text = JSON.stringify(schema);
    for (const words of docs.values()) expect(text, words).toContain(JSON.stringify(words));
  });
});
