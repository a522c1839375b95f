// Reading a samtykke config from a file the way a site keeps it: a JSON
// file, or an HTML page with the <script type="application/json"
// id="samtykke-config"> block. Shared by `samtykke validate` and `samtykke build`.
import { readFileSync } from 'node:fs';

const BLOCK = /<script\b[^>]*\bid\s*=\s*["']?samtykke-config["']?[^>]*>([\s\S]*?)<\/script>/i;

/** The config in a file, or a sentence saying why there is none; for an
 * HTML file, its text too (`html`), for the checks that need the page. */
export function configIn(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { error: `cannot read it (${error.code ?? error.message})` };
  }
  const html = /\.html?$/i.test(file) ? text : undefined;
  if (html !== undefined) {
    const match = BLOCK.exec(text);
    if (!match) return { error: 'it has no <script type="application/json" id="samtykke-config"> block' };
    text = match[1];
    // The HTML parser reads these as markup even inside a JSON string: the
    // block can swallow the next script tag, samtykke's own included.
    if (/<!--|<script/i.test(text)) return { error: 'its config block contains "<!--" or "<script", which the HTML parser does not leave to JSON; write "<" in strings as \\u003c' };
  }
  try {
    return { config: JSON.parse(text), html };
  } catch (error) {
    // Ended inside a string: a raw "</script>" there ends the block for the
    // HTML parser (and for us), so the JSON is cut short.
    if (html !== undefined && insideString(text)) return { error: `its config block ends inside a string: a "</script>" in a string ends the block for the HTML parser; write "<" in strings as \\u003c (it is not valid JSON: ${error.message})` };
    return { error: `it is not valid JSON (${error.message})` };
  }
}

/** Whether JSON text ends inside an open string. */
function insideString(text) {
  let open = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] == '\\') i++;
    else if (text[i] == '"') open = !open;
  }
  return open;
}
