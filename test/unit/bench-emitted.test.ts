// @vitest-environment node
// The bundler bench's judgements: which emitted files are samtykke's, what a
// visit cost, and the table, from made-up builds.
import { describe, expect, it } from 'vitest';
import { bundlerTable, filesContaining, fromNodeModules, isAppSource, ownFiles, share } from '../../bench/emitted.mjs';

describe('which emitted files are samtykke’s', () => {
  it('finds node_modules however a bundler names the source', () => {
    expect(fromNodeModules('../../app/node_modules/samtykke/dist/esm/api.js')).toBe(true);
    expect(fromNodeModules('webpack://bundled-app/./node_modules/preact/dist/preact.module.js')).toBe(true);
    expect(fromNodeModules('..\\node_modules\\zod\\mini\\index.js')).toBe(true);
    // samtykke's own maps, followed by esbuild, point one level above the package.
    expect(fromNodeModules('../../app/node_modules/src/ui/ui.tsx')).toBe(true);
    expect(fromNodeModules('../../app/main.js')).toBe(false);
    expect(fromNodeModules('src/my_node_modules/x.js')).toBe(false);
  });

  it('knows the app’s own files, and never a package file of the same name', () => {
    expect(isAppSource('../../app/main.js', ['main.js'])).toBe(true);
    expect(isAppSource('webpack://bundled-app/./main.js', ['main.js'])).toBe(true);
    expect(isAppSource('main.js', ['main.js'])).toBe(true);
    expect(isAppSource('../node_modules/samtykke/main.js', ['main.js'])).toBe(false);
    expect(isAppSource('../../app/domain.js', ['main.js'])).toBe(false);
  });

  it('counts files with package code or without app code; not a file of the app alone', () => {
    const emitted = [
      { file: 'main.js', sources: ['../../app/node_modules/src/api.ts', '../../app/main.js'] },
      { file: 'chunk-A.js', sources: ['../../app/node_modules/samtykke/dist/esm/locales/en.json.js'] },
      { file: 'chunk-runtime.js', sources: [] },
      { file: 'app-only.js', sources: ['../../app/main.js'] },
    ];
    expect(ownFiles(emitted, ['main.js'])).toEqual(['chunk-A.js', 'chunk-runtime.js', 'main.js']);
  });
});

describe('a visit’s share', () => {
  it('sums each own file once but counts every request, 404s included', () => {
    const sizes = { 'main.js': 100, 'ui.js': 50, 'other.js': 7 };
    expect(share(['index.html', 'main.js', 'ui.js', 'ui.js', 'other.js', 'locales/da.js'], ['main.js', 'ui.js', 'locales/da.js'], sizes)).toEqual({
      bytes: 150,
      requests: 4,
      files: ['main.js', 'ui.js', 'locales/da.js'],
    });
    expect(share([], ['main.js'], sizes)).toEqual({ bytes: 0, requests: 0, files: [] });
  });

  it('finds every file that carries a text', () => {
    const texts = [
      { file: 'b.js', text: 'x="We value your privacy"' },
      { file: 'a.js', text: '"We value your privacy",y' },
      { file: 'c.js', text: 'We value' },
    ];
    expect(filesContaining(texts, 'We value your privacy')).toEqual(['a.js', 'b.js']);
  });
});

describe('the bundler table', () => {
  it('shows each bundler, a failed one as dashes, and the targets last', () => {
    const rows = [
      { name: 'Vite', version: '8.4.0', returning: { bytes: 11910, requests: 1 }, first: { bytes: 24054, requests: 3 }, english: 1, danish: false, missing: ['assets/locales/da.js'] },
      { name: 'esbuild', version: '0.28.2', returning: { bytes: 13085, requests: 5 }, first: { bytes: 25479, requests: 7 }, english: 2, danish: true },
      { name: 'webpack', version: '5.113.0' },
    ];
    expect(bundlerTable(rows).split('\n')).toEqual([
      '| bundler | returning visit: bytes (gzip) | returning visit: requests | first visit: bytes (gzip) | first visit: requests | English copies in emitted JS | Danish banner loads |',
      '| --- | ---: | ---: | ---: | ---: | ---: | --- |',
      '| Vite 8.4.0 | 11,910 | 1 | 24,054 | 3 | 1 | no (404: assets/locales/da.js) |',
      '| esbuild 0.28.2 | 13,085 | 5 | 25,479 | 7 | 2 | yes |',
      '| webpack 5.113.0 | – | – | – | – | – | – |',
      '| target | ≤ 7,500 | ≤ 2 | ≤ 15,000 | – | 1 | yes |',
    ]);
  });
});
