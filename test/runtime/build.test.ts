/**
 * `npm run build` writes what clasp pushes: dist/Code.js with a top-level function per entry
 * point, dist/appsscript.json, and every HTML page as one self-contained file.
 * Facts: docs/services.md §6.2 (top-level declarations for entry points), §5.1–5.2 (manifest,
 * the four scopes), §4.1 (inline everything into one HTML file).
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import vm from 'node:vm';
import { GasRuntime } from '../../dev/gas';
import * as main from '../../src/main';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');

test('dist/Code.js is a plain script: no import/export/require, one stub per export of src/main.ts', () => {
  expect(Object.values(main).every((f) => typeof f === 'function')).toBe(true); // main.ts exports entry points only
  const code = readFileSync(join(DIST, 'Code.js'), 'utf8');
  expect(() => new vm.Script(code)).not.toThrow();
  expect(code).not.toMatch(/^\s*(import|export)\s/m);
  expect(code).not.toMatch(/\brequire\(/);
  const stubs = [
    ...code.matchAll(/^function (\w+)\(\) \{ return __gas\.\1\.apply\(this, arguments\); \}$/gm),
  ].map((m) => m[1]);
  expect(stubs.sort()).toEqual(Object.keys(main).sort());
});

test('appsscript.json: V8, Moscow time, Stackdriver, exactly the four scopes, the whitelist', () => {
  const m = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
  expect(m).toEqual({
    timeZone: 'Europe/Moscow',
    runtimeVersion: 'V8',
    exceptionLogging: 'STACKDRIVER',
    oauthScopes: [
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.external_request',
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
    ],
    urlFetchWhitelist: [
      'https://*.amocrm.ru/',
      'https://*.kommo.com/',
      'https://api.telegram.org/',
    ],
  });
});

test('the BigQuery variant: the same four scopes plus BigQuery, and the BigQuery advanced service; the default has neither', async () => {
  const { manifestFor } = await import('../../dev/build');
  const base = manifestFor('default');
  const m = manifestFor('bigquery');
  expect(m).toEqual({
    ...base,
    oauthScopes: [
      ...(base.oauthScopes as string[]),
      // loads and queries both: bigquery.readonly cannot load [docs/services.md, BigQuery §1.3]
      'https://www.googleapis.com/auth/bigquery',
    ],
    dependencies: {
      enabledAdvancedServices: [{ userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' }],
    },
  });
  expect(JSON.stringify(base)).not.toMatch(/bigquery/i);
});

test('.clasp.json pushes dist/', () => {
  expect(JSON.parse(readFileSync(join(ROOT, '.clasp.json'), 'utf8')).rootDir).toBe('dist');
});

test('an HTML page of src/ becomes one self-contained file with its script bundled and its CSS inlined; the runtime serves it', async () => {
  const { build } = await import('../../dev/build');
  const out = mkdtempSync(join(tmpdir(), 'dist-'));
  const result = await build({
    srcDir: join(__dirname, '..', 'fixtures', 'app', 'src'),
    outDir: out,
  });
  expect(result.entryPoints).toEqual(['greet', 'onOpen', 'showPage']);
  expect(result.pages).toEqual(['Page.html']);
  const html = readFileSync(join(out, 'Page.html'), 'utf8');
  expect(html).not.toMatch(/<script\s+src=|<link\s+rel="stylesheet"/);
  expect(html).toMatch(/<style>\s*#out \{\s*color: rgb\(24, 128, 56\);\s*\}\s*<\/style>/);
  expect(html).toContain('Привет');
  expect(html).toContain('<\\/script> stays inside'); // a closing tag in a string cannot end the inline script
  expect(existsSync(join(out, 'Code.js'))).toBe(true);

  const rt = new GasRuntime({ distDir: out });
  rt.open();
  rt.clickMenu('Fixture', 'Show');
  expect(rt.ui.pages[0]).toEqual(
    expect.objectContaining({ kind: 'sidebar', title: 'Fixture', html }),
  );
  expect(rt.callFromClient('greet', 'Анна')).toBe('Привет, Анна');
  await rt.close();
});
