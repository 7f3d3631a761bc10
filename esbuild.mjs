// Bundles the extension host code, the webview scripts and the tests.
// The extension and tests are CommonJS with `vscode` external: lowdb and Octokit are ESM-only,
// and the VS Code extension host loads CommonJS. Webview scripts are browser IIFEs into media/dist.
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
// The benchmarks measure the minified bundle but drive it through the test API: `--test-hooks`.
const testHooks = !production || process.argv.includes('--test-hooks');
const watch = process.argv.includes('--watch');
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

/** Every `*.test.ts` below a folder (recursive), for bundling each suite on its own. */
function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join(dir, f));
}

// proper-lockfile requires graceful-fs at load, but src/store/fileLock.ts hands it its own `fs`
// adapter, so graceful-fs (11 KB, and it patches process.cwd when loaded) never runs: bundle
// Node's own fs in its place.
const gracefulFsIsFs = {
  name: 'graceful-fs-is-fs',
  setup(build) {
    build.onResolve({ filter: /^graceful-fs$/ }, () => ({ path: 'fs', external: true }));
  },
};

// Files loaded at their first use, not at activation: each is its own entry point beside
// dist/extension.js, and the extension's `require('./name')` of it stays a run-time require of
// dist/name.js (the test bundles take the module in, as any other).
const LAZY_FILES = { octokitLibrary: 'src/github/transport/octokitLibrary.ts' };
const lazyFiles = {
  name: 'lazy-files',
  setup(build) {
    const names = Object.keys(LAZY_FILES).join('|');
    build.onResolve({ filter: new RegExp(`^\\./(${names})$`) }, (args) =>
      args.kind === 'require-call' ? { path: `./${path.basename(args.path)}.js`, external: true } : undefined);
  },
};

const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  logLevel: 'warning',
  // Test hooks (src/util/confirm.ts) exist only in the development/test build, never in the shipped one.
  define: { __LEAD_DESK_VERSION__: JSON.stringify(pkg.version), __LEAD_DESK_TEST_HOOKS__: JSON.stringify(testHooks) },
  // lowdb/steno and Octokit are ESM; `import.meta.url` is unused by the code paths we bundle.
  mainFields: ['module', 'main'],
  plugins: [gracefulFsIsFs],
  // Licence comments go to dist/extension.js.LEGAL.txt instead of the bundle.
  legalComments: 'external',
  // Write "…" and "→" as UTF-8 (VS Code loads the bundle as UTF-8), not as \uXXXX escapes.
  charset: 'utf8',
};

const builds = [
  {
    ...node,
    // The calendar's parser (ical.js) is its own file, loaded at the first calendar read
    // (src/calendar/lazyCalendarReader.ts), not at activation.
    entryPoints: { extension: 'src/extension.ts', calendarParser: 'src/calendar/calendarReader.ts', ...LAZY_FILES },
    plugins: [...node.plugins, lazyFiles],
    outdir: 'dist',
    minify: production,
    sourcemap: !production,
    metafile: true,
  },
  {
    // One bundle per webview app; they run in the webview iframe, not in Node.
    entryPoints: fs.existsSync('webview-src')
      ? Object.fromEntries(fs.readdirSync('webview-src').filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !f.startsWith('_'))
        .map((f) => [path.basename(f, '.ts'), path.join('webview-src', f)]))
      : {},
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    outdir: 'media/dist',
    minify: production,
    sourcemap: production ? false : 'inline',
    logLevel: 'warning',
  },
];

if (!production) {
  builds.push({
    ...node,
    entryPoints: [...testFiles('test/unit'), ...testFiles('test/fake-github')],
    // The compiler (for the ids-in-one-place scan) loads from node_modules, not 9 MB in a bundle.
    external: [...node.external, 'typescript'],
    outdir: 'dist/test',
    outbase: 'test',
    sourcemap: 'inline',
  });
  builds.push({
    ...node,
    entryPoints: ['test/integration/index.ts', ...testFiles('test/integration')],
    // mocha resolves its own files at run time; load it from node_modules instead of bundling it.
    external: ['vscode', 'mocha'],
    outdir: 'dist/test',
    outbase: 'test',
    sourcemap: 'inline',
  });
  const tools = ['test/fake-github/cli.ts', 'test/store-worker.ts', ...(fs.existsSync('bench') ? fs.readdirSync('bench').filter((f) => f.endsWith('.ts')).map((f) => path.join('bench', f)) : [])]
    .filter((f) => fs.existsSync(f));
  if (tools.length) builds.push({ ...node, entryPoints: tools, outdir: 'dist', outbase: '.', sourcemap: 'inline' });
}

// Codicons for the webviews: copied next to the webview bundles so localResourceRoots can stay media/.
fs.mkdirSync('media/dist', { recursive: true });
for (const f of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join('node_modules/@vscode/codicons/dist', f), path.join('media/dist', f));

// The test bundles mirror test/: a test moved or deleted must not keep running from an old bundle.
if (!production) fs.rmSync('dist/test', { recursive: true, force: true });

const contexts = await Promise.all(builds.filter((b) => Object.keys(b.entryPoints).length).map((b) => esbuild.context(b)));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  for (const ctx of contexts) {
    const result = await ctx.rebuild();
    if (result.metafile) fs.writeFileSync('dist/meta.json', JSON.stringify(result.metafile));
    await ctx.dispose();
  }
}
