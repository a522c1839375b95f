// Reading a samtykke config from a file the way a site keeps it: a JSON
// file, or an HTML page with the <script type="application/json"
// id="samtykke-config"> block. Shared by `samtykke validate` and `samtykke build`.
import { readFileSync } from 'node:fs';

const BLOCK = /<script\b[^>]*\bid\s*=\s*["']?samtykke-config["']?[^>]*>([\s\S]*?)<\/script>/i;

/** The config in a file, or a sentence saying why there is none. */
export function configIn(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read it (${error.code ?? error.message})` };
  }
  if (/\.html?$/i.test(file)) {
    const match = BLOCK.exec(text);
    if (!match) return { error: 'it has no <script type="application/json" id="samtykke-config"> block' };
    text = match[1];
    // The HTML parser reads these as markup even inside a JSON string: the
    // block can swallow the next script tag, samtykke's own included.
    if (/<!--|<script/i.test(text)) return { error: 'its config block contains "<!--" or "<script", which the HTML parser does not leave to JSON; write "<" in strings as \\u003c' };
  }
  try {
    return { config: JSON.parse(text) };
  } catch (error) {
    return { error: `it is not valid JSON (${error.message})` };
  }
}
