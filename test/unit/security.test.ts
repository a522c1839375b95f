// @vitest-environment node
// The build-time check that samtykke's browser files hold no way to turn a
// string into markup or code (scripts/security.mjs), and the build step
// that takes preact's one such sink out (scripts/html-sinks.mjs).
import { mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findSinks, withoutHtmlSinks } from '../../scripts/html-sinks.mjs';
import { check } from '../../scripts/security.mjs';

const ROOT = join(import.meta.dirname, '..', '..');

describe('findSinks', () => {
  it.each([
    ['innerHTML', 't.innerHTML=h.__html'],
    ['innerHTML', 'e["innerHTML"]=x'],
    ['outerHTML', 'a.outerHTML'],
    ['insertAdjacentHTML', 'b.insertAdjacentHTML("beforeend",s)'],
    ['document.write', 'document.write("<script>")'],
    ['document.write', 'document . writeln(x)'],
    ['eval', 'eval(code)'],
    ['eval', '(0,eval)("x")'],
    ['new Function', 'new Function("a","return a")'],
    ['new Function', 'Function("return this")()'],
    ['string timer', 'setTimeout("go()",1)'],
    ['srcdoc', 'f.srcdoc=s'],
    ['createContextualFragment', 'r.createContextualFragment(s)'],
    ['DOMParser', 'new DOMParser'],
    ['setHTMLUnsafe', 'e.setHTMLUnsafe(s)'],
  ])('finds %s in %s', (name, code) => {
    expect(findSinks(code).map((sink) => sink.name)).toContain(name);
  });

  it('passes code that only looks alike', () => {
    const code = 'store.write(v,1);page.evaluate(f);typeof x=="function";Function.prototype.call;setTimeout(f,5);e.textContent=s;s.text=t;evaluation';
    expect(findSinks(code)).toEqual([]);
  });
});

describe('npm run security', () => {
  it('fails on a dist file with a sink, naming the file and the sink', () => {
    const root = mkdtempSync(join(tmpdir(), 'samtykke-security-'));
    mkdirSync(join(root, 'dist', 'esm'), { recursive: true });
    writeFileSync(join(root, 'dist', 'ok.js'), 'a.textContent=b');
    writeFileSync(join(root, 'dist', 'esm', 'bad.js'), 'x.innerHTML=y');
    const { files, problems } = check(root);
    expect(files).toBe(2);
    expect(problems).toEqual([expect.stringMatching(/^dist[\\/]esm[\\/]bad\.js: innerHTML in/)]);
  });

  it('passes the real build (npm test builds first)', () => {
    const { files, problems } = check(ROOT);
    expect(files).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });
});

describe('the build without preact\'s HTML sink', () => {
  const plugin = withoutHtmlSinks();
  const preact = join(ROOT, 'node_modules', 'preact', 'dist', 'preact.mjs');

  it('removes dangerouslySetInnerHTML from preact and leaves other modules alone', () => {
    const errors: string[] = [];
    const out = plugin.transform.call({ error: (m: string) => errors.push(m) }, readFileSync(preact, 'utf8'), preact);
    expect(errors).toEqual([]);
    expect(out!.code).not.toContain('dangerouslySetInnerHTML');
    expect(plugin.transform.call({}, 'x.innerHTML=1', '/src/other.js')).toBeNull();
  });

  it('fails the build when preact changes shape, instead of shipping the sink', () => {
    const context = { error: (message: string) => { throw new Error(message); } };
    expect(() => plugin.transform.call(context, 'el.innerHTML=p.dangerouslySetInnerHTML.__html', preact)).toThrow(/found 0 of 2/);
  });

  it('is safe because samtykke\'s UI never uses the prop', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
    const users = files(join(ROOT, 'src')).filter((file) => readFileSync(file, 'utf8').includes('dangerouslySetInnerHTML'));
    expect(users).toEqual([]);
  });
});
