// Builds what `clasp push` uploads: dist/Code.js (one IIFE plus a top-level stub per entry point),
// dist/appsscript.json, and every HTML page of src/ as one self-contained file.
// `--variant bigquery` (or STORE=bigquery) builds the BigQuery variant into dist-bigquery/: the
// same code, and a manifest that adds the BigQuery scope and the BigQuery advanced service. The
// default manifest keeps its four scopes, so small accounts are never asked for BigQuery.
const esbuild = require('esbuild');
const {
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  statSync,
} = require('node:fs');
const { basename, dirname, join, resolve } = require('node:path');

const root = resolve(__dirname, '..');

/** Export names of the entry module; esbuild reports none for IIFE output, hence the ESM probe. */
async function entryNames(entry) {
  const probe = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'probe',
    logLevel: 'silent',
  });
  return Object.values(probe.metafile.outputs)[0].exports.slice().sort();
}

function htmlPages(dir) {
  const pages = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) pages.push(...htmlPages(full));
    else if (name.endsWith('.html')) pages.push(full);
  }
  return pages;
}

/** Inlines <script src> (bundled with esbuild for the browser) and <link rel="stylesheet">. */
async function inlineHtml(file) {
  const dir = dirname(file);
  let html = readFileSync(file, 'utf8');
  const scripts = [...html.matchAll(/<script\s+src="([^"]+)"\s*><\/script>/g)];
  for (const [tag, src] of scripts) {
    const out = await esbuild.build({
      entryPoints: [join(dir, src)],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      platform: 'browser',
      write: false,
      charset: 'utf8',
      legalComments: 'none',
      jsx: 'automatic',
      jsxImportSource: 'preact',
      minify: true,
      logLevel: 'warning',
    });
    const code = out.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
    html = html.replace(tag, () => `<script>\n${code}</script>`);
  }
  const links = [...html.matchAll(/<link\s+rel="stylesheet"\s+href="([^"]+)"\s*\/?>/g)];
  for (const [tag, href] of links) {
    const css = readFileSync(join(dir, href), 'utf8');
    html = html.replace(tag, () => `<style>\n${css}</style>`);
  }
  return html;
}

/** what the BigQuery variant adds to the manifest (docs/services.md, BigQuery §1.1, §1.3) */
const BIGQUERY_SCOPE = 'https://www.googleapis.com/auth/bigquery';
const BIGQUERY_SERVICE = { userSymbol: 'BigQuery', serviceId: 'bigquery', version: 'v2' };

/** The manifest of a variant, made from appsscript.json (one source for both). */
function manifestFor(variant) {
  const m = JSON.parse(readFileSync(join(root, 'appsscript.json'), 'utf8'));
  if (variant === 'default') return m;
  if (variant !== 'bigquery') throw new Error(`unknown build variant ${variant}`);
  return {
    ...m,
    oauthScopes: [...m.oauthScopes, BIGQUERY_SCOPE],
    dependencies: {
      ...(m.dependencies ?? {}),
      enabledAdvancedServices: [
        ...((m.dependencies ?? {}).enabledAdvancedServices ?? []),
        BIGQUERY_SERVICE,
      ],
    },
  };
}

async function build({
  srcDir = join(root, 'src'),
  variant = 'default',
  outDir = join(root, variant === 'default' ? 'dist' : `dist-${variant}`),
} = {}) {
  const entry = join(srcDir, 'main.ts');
  const names = await entryNames(entry);
  const footer = names
    .map((n) => `function ${n}() { return __gas.${n}.apply(this, arguments); }`)
    .join('\n');
  // written aside, then each file renamed into place: a test reading the bundle while another
  // builds it (jest runs files in parallel) sees the old file or the new one, never half of one
  const tmp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmp, { recursive: true });
  try {
    const result = await buildInto(tmp, entry, names, footer, variant, srcDir);
    mkdirSync(outDir, { recursive: true });
    const fresh = new Set(readdirSync(tmp));
    for (const f of fresh) renameSync(join(tmp, f), join(outDir, f));
    for (const f of readdirSync(outDir))
      if (!fresh.has(f)) rmSync(join(outDir, f), { recursive: true, force: true });
    return result;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function buildInto(outDir, entry, names, footer, variant, srcDir) {
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    globalName: '__gas',
    target: 'es2020',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    charset: 'utf8',
    legalComments: 'none',
    outfile: join(outDir, 'Code.js'),
    footer: { js: footer },
    logLevel: 'warning',
  });
  writeFileSync(
    join(outDir, 'appsscript.json'),
    `${JSON.stringify(manifestFor(variant), null, 2)}\n`,
  );
  const pages = htmlPages(srcDir);
  const seen = new Set();
  for (const page of pages) {
    const name = basename(page);
    if (seen.has(name))
      throw new Error(`Two HTML pages named ${name}: Apps Script files share one namespace`);
    seen.add(name);
    writeFileSync(join(outDir, name), await inlineHtml(page));
  }
  return { entryPoints: names, pages: [...seen] };
}

module.exports = { build, inlineHtml, manifestFor };

if (require.main === module) {
  const t0 = Date.now();
  const i = process.argv.indexOf('--variant');
  const variant =
    i >= 0 ? process.argv[i + 1] : process.env.STORE === 'bigquery' ? 'bigquery' : 'default';
  build({ variant }).then(
    (out) =>
      console.log(
        `${variant === 'default' ? 'dist' : `dist-${variant}`}/Code.js: ${out.entryPoints.length} entry points (${out.entryPoints.join(', ')}); ` +
          `pages: ${out.pages.join(', ') || 'none'}; ${Date.now() - t0} ms`,
      ),
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
