#!/usr/bin/env node
// One-off (re-runnable) move of the unit tests to mirror their sources: src/x/y.ts →
// test/unit/x/y.test.ts (a second file on one source: y.<aspect>.test.ts), repository-wide tests
// under test/unit/repo/. Moves with `git mv`, fixes the relative imports of and to the moved files,
// the paths named in docs and comments, and the pinned-clock spec list (same tests as before).
// `node scripts/mirror-tests.mjs` prints the plan; `--apply` does it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const apply = process.argv.includes('--apply');
const UNIT = 'test/unit';

/** Tests whose name does not say their source: old path (under test/unit) → new path. */
const MANUAL = {
  'calendar/lazyParser.test.ts': 'calendar/lazyCalendarReader.test.ts',
  'core/calendarWindowsZones.test.ts': 'core/windowsZones.test.ts',
  // Repository-wide: about the code base, not one source file.
  'core/coreIsPure.test.ts': 'repo/coreIsPure.test.ts',
  'core/fixedClock.test.ts': 'repo/fixedClock.test.ts',
  'core/timeZone.test.ts': 'repo/timeZone.test.ts',
  'idsInOnePlace.test.ts': 'repo/idsInOnePlace.test.ts',
  'importCircles.test.ts': 'repo/importCircles.test.ts',
  'l10n.test.ts': 'repo/l10n.test.ts',
  'nls.test.ts': 'repo/nls.test.ts',
  'packageContents.test.ts': 'repo/packageContents.test.ts',
  'inbox/boundary.test.ts': 'repo/inboxBoundary.test.ts',
  'store/engineBelowStores.test.ts': 'repo/engineBelowStores.test.ts',
  'remote/remoteDevelopment.test.ts': 'repo/remoteDevelopment.test.ts',
  // One source, named for an aspect of it.
  'calendar/calendarSettings.test.ts': 'settings.calendar.test.ts',
  'calendar/meetingsOnce.test.ts': 'calendar/calendarSync.meetingsOnce.test.ts',
  'core/calendar.test.ts': 'core/localDate.test.ts',
  'core/calendarMeetings.test.ts': 'core/calendar.meetings.test.ts',
  'core/meetingsInBalance.test.ts': 'balance/report.meetings.test.ts',
  'github/reviewTurnaroundQuery.test.ts': 'github/ops/reviewTurnaroundQuery.test.ts',
  'review/plan.test.ts': 'review/localSections.plan.test.ts',
  'review/team.test.ts': 'review/localSections.team.test.ts',
  'review/service.test.ts': 'github/client.morningReview.test.ts',
  'store/alertOwners.test.ts': 'store/alertStore.owners.test.ts',
  'store/jsonFile.test.ts': 'store/engine/jsonFile.test.ts',
  'store/multiProcess.test.ts': 'store/index.multiProcess.test.ts',
  'store/openStores.test.ts': 'store/index.openStores.test.ts',
  'store/records.test.ts': 'store/index.records.test.ts',
  'store/recovery.test.ts': 'store/index.recovery.test.ts',
  'store/retiredFiles.test.ts': 'store/index.retiredFiles.test.ts',
  'store/rhythmStores.test.ts': 'store/index.rhythmStores.test.ts',
  'store/realFailures.test.ts': 'store/taskStore.realFailures.test.ts',
  'store/oneOnOneNotes.test.ts': 'store/oneOnOneStore.notes.test.ts',
  'store/oneOnOneNotesEditor.test.ts': 'store/oneOnOneStore.editor.test.ts',
  'store/oneOnOneRecovery.test.ts': 'store/oneOnOneStore.recovery.test.ts',
  'store/setAside.test.ts': 'store/oneOnOneStore.setAside.test.ts',
  'store/setAsideCopies.test.ts': 'store/engine/recovery.setAsideCopies.test.ts',
  'store/setAsideProperty.test.ts': 'store/engine/versionedJson.setAsideProperty.test.ts',
  // Tests aiReviews, agentWork and mergeQueue together; named for the first (its owner may split it).
  'core/teamParticipants.test.ts': 'core/aiReviews.teamParticipants.test.ts',
  'github/transport/graphqlTypesFallback.test.ts': 'github/transport/graphqlFields.typesFallback.test.ts',
  'webview-src/keyedRows.test.ts': 'webview-src/_keyedRows.test.ts',
  'webview-src/queueColumns.test.ts': 'webview-src/_queueColumns.test.ts',
  'webview/dom.test.ts': 'webview-src/shared/dom.test.ts',
  'webview/text.test.ts': 'webview-src/shared/text.test.ts',
};

/** The source a mirrored test path names: `x/y[.aspect].test.ts` → src/x/y.ts (webview-src/… for webview-src/). */
function namedSource(rel) {
  const dir = path.posix.dirname(rel);
  const base = path.posix.basename(rel, '.test.ts').split('.')[0];
  const root = dir === 'webview-src' || dir.startsWith('webview-src/') ? '' : 'src';
  const file = path.posix.join(root, dir === '.' ? '' : dir, `${base}.ts`);
  return fs.existsSync(file) ? file : undefined;
}

const files = (dir) => fs.readdirSync(dir, { recursive: true }).map(String).map((f) => path.posix.join(dir, f.split(path.sep).join('/')));
const tests = files(UNIT).filter((f) => f.endsWith('.test.ts')).map((f) => path.posix.relative(UNIT, f));

// Import statements only (a line starting with import/export/`} from`): a path inside a test's own
// strings is test content, not an import.
const IMPORT = /^((?:(?:import|export)\b[^'\n;]*?\bfrom\s*|import\s*|\}\s*from\s*)')(\.{1,2}\/[^']+)(')/gm;
/** Whether an import specifier (no extension) names a file of the checkout. */
const resolves = (p) => ['', '.ts', '.js', '.cjs', '.mjs', '.json', '/index.ts'].some((ext) => fs.existsSync(p + ext) && (ext !== '' || fs.statSync(p).isFile()));
function importedSources(rel) {
  const text = fs.readFileSync(path.posix.join(UNIT, rel), 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => path.posix.normalize(path.posix.join(UNIT, path.posix.dirname(rel), m[2])))
    .filter((p) => p.startsWith('src/') || p.startsWith('webview-src/'));
}

const moves = new Map();
const unresolved = [];
for (const rel of tests) {
  if (MANUAL[rel]) { moves.set(rel, MANUAL[rel]); continue; }
  if (rel.startsWith('repo/') || namedSource(rel)) continue;
  // The one imported source whose name is the test's.
  const base = path.posix.basename(rel, '.test.ts').split('.')[0];
  const hits = [...new Set(importedSources(rel))].filter((p) => path.posix.basename(p).replace(/^_/, '') === base);
  if (hits.length === 1) {
    const src = hits[0];
    const mirror = src.startsWith('src/') ? src.slice(4) : src;
    moves.set(rel, mirror.replace(/\.ts$|$/, '') + path.posix.basename(rel).slice(base.length));
  } else unresolved.push(`${rel} (imports ${[...new Set(importedSources(rel))].join(', ') || 'no source'})`);
}
for (const [from, to] of moves) {
  if (!tests.includes(from)) throw new Error(`MANUAL names a missing test: ${from}`);
  if (from !== to && (tests.includes(to) && !moves.has(to))) throw new Error(`${to} exists`);
}
for (const [from, to] of [...moves]) if (from === to) moves.delete(from);
const targets = [...moves.values()];
if (new Set(targets).size !== targets.length) throw new Error('two tests move to one path');

for (const [from, to] of moves) console.log(`${from} → ${to}`);
if (unresolved.length) console.log(`\nUNRESOLVED (add to MANUAL):\n  ${unresolved.join('\n  ')}`);
if (!apply) process.exit(unresolved.length ? 1 : 0);
if (unresolved.length) { console.error('not applying with unresolved tests'); process.exit(1); }

// Old → new full paths, without the .ts extension (as imports name them).
const full = new Map([...moves].map(([f, t]) => [path.posix.join(UNIT, f), path.posix.join(UNIT, t)]));
const movedNoExt = new Map([...full].map(([f, t]) => [f.replace(/\.ts$/, ''), t.replace(/\.ts$/, '')]));

// The pinned-clock runs: the same tests as before, now at their new paths.
const datesConfigPath = path.posix.join(UNIT, '.mocharc.dates.json');
const datesConfig = JSON.parse(fs.readFileSync(datesConfigPath, 'utf8'));
const matchSpec = (spec, file) => {
  const p = spec.replace(/^dist\//, '').replace(/\.js$/, '.ts');
  if (p.endsWith('/**/*.test.ts')) return file.startsWith(p.slice(0, -'**/*.test.ts'.length));
  return file === p;
};
const allTests = tests.map((t) => path.posix.join(UNIT, t));
const datesBefore = allTests.filter((f) => datesConfig.spec.some((s) => matchSpec(s, f)));
const newPath = (f) => full.get(f) ?? f;
const datesAfter = new Set(datesBefore.map(newPath));
const allAfter = allTests.map(newPath);
// Whole folders where every test of the folder is pinned, else single files.
const spec = [];
const covered = new Set();
const dirs = [...new Set([...datesAfter].map((f) => path.posix.dirname(f)))].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
for (const dir of dirs) {
  const under = allAfter.filter((f) => f.startsWith(`${dir}/`));
  if (dir !== UNIT && under.every((f) => datesAfter.has(f)) && under.some((f) => !covered.has(f))) {
    spec.push(`dist/${dir.slice('test/'.length)}/**/*.test.js`.replace('dist/', 'dist/test/'));
    under.forEach((f) => covered.add(f));
  }
}
for (const f of [...datesAfter].sort()) if (!covered.has(f)) spec.push(`dist/${f.replace(/\.ts$/, '.js')}`);

for (const [from, to] of full) {
  fs.mkdirSync(path.posix.dirname(to), { recursive: true });
  execFileSync('git', ['mv', from, to]);
}

// Relative imports: of the moved files (their folder changed) and to them (their path changed).
for (const file of files('test').filter((f) => /\.(ts|mts|cts)$/.test(f))) {
  const oldFile = [...full].find(([, t]) => t === file)?.[0] ?? file;
  const text = fs.readFileSync(file, 'utf8');
  const fixed = text.replace(IMPORT, (all, head, spec, tail) => {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(oldFile), spec));
    if (!resolves(target) && !movedNoExt.has(target)) return all;
    const resolved = movedNoExt.get(target) ?? target;
    let rel = path.posix.relative(path.posix.dirname(file), resolved);
    if (!rel.startsWith('.')) rel = `./${rel}`;
    return `${head}${rel}${tail}`;
  });
  if (fixed !== text) fs.writeFileSync(file, fixed);
}

// Paths named in prose (README, source comments, other tests' comments).
// Tests' own text is left alone (only their imports change): a path there is named for a reader.
const prose = ['README.md', ...files('src'), ...files('scripts'), ...(fs.existsSync('bench') ? files('bench') : [])]
  .filter((f) => /\.(md|ts|mjs|cjs|json)$/.test(f) && fs.statSync(f).isFile() && !f.endsWith('mirror-tests.mjs'));
for (const file of files('test').filter((f) => /\.(ts|mjs|cjs|md)$/.test(f))) {
  const text = fs.readFileSync(file, 'utf8');
  const named = [...full.keys()].filter((from) => text.includes(from));
  if (named.length && !file.endsWith('testLayout.test.ts')) console.log(`note: ${file} names ${named.join(', ')} (left as is)`);
}
for (const file of prose) {
  const text = fs.readFileSync(file, 'utf8');
  let fixed = text;
  for (const [from, to] of full) fixed = fixed.split(from).join(to);
  if (fixed !== text) fs.writeFileSync(file, fixed);
}

datesConfig.spec = spec;
fs.writeFileSync(datesConfigPath, `${JSON.stringify(datesConfig, null, 2)}\n`);
console.log(`\npinned-clock spec (${datesBefore.length} files):\n  ${spec.join('\n  ')}`);
