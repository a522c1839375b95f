// Writes dist/samtykke.schema.json from the zod schema, so editors can
// autocomplete and check the JSON config block ("$schema" in the JSON, or the
// editor's schema mapping).
import { writeFileSync } from 'node:fs';
import * as z from 'zod/mini';
import { configSchema } from '../dist/esm/config/schema.js';

const schema = z.toJSONSchema(configSchema, {
  // RegExp cookie names only exist in JavaScript configs; JSON has strings.
  unrepresentable: 'any',
  io: 'input',
});
schema.title = 'samtykke config';
schema.description =
  'The config of samtykke, the cookie-consent and CCPA opt-out SDK: the JSON inside <script type="application/json" id="samtykke-config">.';
writeFileSync(new URL('../dist/samtykke.schema.json', import.meta.url), JSON.stringify(schema, null, 2) + '\n');
