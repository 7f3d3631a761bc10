/**
 * What the VSIX ships (`vsce ls`, the list `npm run package` packs): only what a user needs — no
 * sources, tests, bench, docs or source maps — and every file the manifest points at. Plus the
 * listing fields the Marketplace and the details page show.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../sourceFiles';

const root = REPO_ROOT;
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string; icon?: string; categories?: string[]; keywords?: string[]; galleryBanner?: { color?: string; theme?: string };
  contributes: unknown; scripts: Record<string, string>;
};

// Everything a user's install needs, and nothing else.
const ALLOWED = [
  /^package\.json$/, /^package\.nls\.json$/, /^README\.md$/, /^CHANGELOG\.md$/, /^LICENSE$/,
  /^dist\/extension\.js$/, /^dist\/extension\.js\.LEGAL\.txt$/,
  // The calendar's parser (ical.js), loaded at the first calendar read.
  /^dist\/calendarParser\.js$/, /^dist\/calendarParser\.js\.LEGAL\.txt$/,
  // Octokit and its plugins, loaded when the first GitHub client is made.
  /^dist\/octokitLibrary\.js$/, /^dist\/octokitLibrary\.js\.LEGAL\.txt$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^media\/[\w-]+\.css$/, /^media\/[\w-]+\.svg$/, /^media\/icon\.png$/,
  /^media\/dist\/[\w-]+\.(js|css|ttf)$/,
  /^media\/walkthrough\/[\w-]+\.md$/,
];

// The categories the Marketplace accepts (vsce rejects others at publish).
const CATEGORIES = new Set(['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets', 'Testing',
  'Themes', 'Visualization']);

function vsceList(): string[] {
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  assert.equal(r.status, 0, `vsce ls failed: ${r.stderr}`);
  return r.stdout.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
}

/** Every `media/…` path the manifest's contributions name (view icons, walkthrough pages and images). */
function mediaPaths(v: unknown): string[] {
  if (typeof v === 'string') return /^\.?\/?media\//.test(v) ? [v.replace(/^\.\//, '')] : [];
  if (Array.isArray(v)) return v.flatMap(mediaPaths);
  if (typeof v === 'object' && v !== null) return Object.values(v).flatMap(mediaPaths);
  return [];
}

describe('the packaged VSIX (vsce ls)', function () {
  this.timeout(60_000);
  let listed: string[];
  before(() => { listed = vsceList(); });

  it('lists only files on the allow-list: no sources, tests, bench, docs or source maps', () => {
    assert.ok(listed.length > 0, 'vsce ls listed files');
    const outside = listed.filter((f) => !ALLOWED.some((p) => p.test(f)));
    assert.deepEqual(outside, [], `files a user does not need: ${outside.join(', ')}`);
  });

  it('ships every file the manifest points at, the webview bundles and the changelog', () => {
    const needed = [manifest.main.replace(/^\.\//, ''), 'dist/calendarParser.js', 'dist/octokitLibrary.js', manifest.icon, 'package.nls.json', 'README.md', 'CHANGELOG.md', 'LICENSE',
      'l10n/bundle.l10n.json', ...mediaPaths(manifest.contributes),
      ...fs.readdirSync(path.join(root, 'webview-src')).filter((f) => /^[^_].*\.ts$/.test(f) && !f.endsWith('.d.ts')).map((f) => `media/dist/${path.basename(f, '.ts')}.js`)];
    const missing = [...new Set(needed)].filter((f): f is string => f !== undefined && !listed.includes(f));
    assert.deepEqual(missing, [], `needed but not packaged: ${missing.join(', ')}`);
  });
});

describe('the Marketplace listing', () => {
  it('has a 128×128 PNG icon', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(root, manifest.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('has Marketplace categories, keywords (at most 30, as the Marketplace allows) and a gallery banner', () => {
    assert.ok(manifest.categories?.length, 'categories');
    for (const c of manifest.categories) assert.ok(CATEGORIES.has(c), `a Marketplace category: ${c}`);
    assert.ok(manifest.keywords && manifest.keywords.length >= 3 && manifest.keywords.length <= 30, 'keywords');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(manifest.galleryBanner?.theme === 'dark' || manifest.galleryBanner?.theme === 'light');
  });

  it('has README images that exist and become https links in the package (the details page shows no other)', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(images.length > 0, 'the README shows the extension');
    for (const src of images) {
      assert.ok(!/^\w+:/.test(src), `a path in the repository (the package makes it absolute): ${src}`);
      assert.ok(fs.existsSync(path.join(root, src)), `the image exists: ${src}`);
    }
    assert.match(manifest.scripts.package, /--baseImagesUrl https:\/\/\S+/, 'npm run package rewrites them to https');
    const total = images.reduce((sum, src) => sum + fs.statSync(path.join(root, src)).size, 0);
    assert.ok(total < 300_000, `README images stay small: ${total} bytes`);
  });
});
