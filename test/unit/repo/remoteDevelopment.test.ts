/**
 * Remote Development (issue 17, item 11): Lead Desk belongs to the lead, not to the workspace. It
 * runs on the UI side where it can, so one timer and one set of files serve every window, local
 * or remote; and so it must never reach the workspace with Node, which on the UI side looks at
 * the lead's machine instead of the remote host.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, sourceFiles } from '../sourceFiles';

const SRC = path.join(REPO_ROOT, 'src');
const rel = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join('/');
/** Source text without comments, so a comment that names `fs` or `spawn` is not a use. */
const code = (file: string) => fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

/** Node modules that reach a file system or run a program, in any spelling of their import. */
const NODE_FS = /(?:from\s+|require\(\s*|import\(\s*)['"](?:node:)?fs(?:\/promises)?['"]/;
const NODE_PROCESS = /(?:from\s+|require\(\s*|import\(\s*)['"](?:node:)?child_process['"]/;
/** The child_process calls, however imported (`exec` only as a bare call: `regex.exec(` is not one). */
const RUNS_A_PROGRAM = /\b(?:spawn|spawnSync|execSync|execFile|execFileSync|fork)\s*\(|(?<![.\w])exec\s*\(/;

/**
 * Files outside src/store/ that may import Node's `fs`, and why: each only watches the store's
 * own folder (under globalStorageUri, on the lead's side) to hear other windows' writes.
 */
const FS_OUTSIDE_STORE: Readonly<Record<string, string>> = {
  'src/timer/timerController.ts': 'watches the store folder for another window\'s timer switch',
  'src/alerts/redBuilds.ts': 'watches the store folder for another window\'s alert state',
};

describe('remote development: Lead Desk runs on the lead\'s side', () => {
  it('the manifest asks to run on the UI side, and on the workspace side only where there is no other', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { extensionKind?: unknown; browser?: unknown };
    assert.deepEqual(manifest.extensionKind, ['ui', 'workspace']);
    // A `browser` entry would make VS Code prefer a web worker on the UI side, with no Node APIs for the store.
    assert.equal(manifest.browser, undefined);
  });

  it('no file in src/ runs a program (child_process): git runs through the git extension or a VS Code task, on the workspace\'s host', () => {
    const offenders = sourceFiles(SRC).filter((f) => NODE_PROCESS.test(code(f)) || RUNS_A_PROGRAM.test(code(f))).map(rel);
    assert.deepEqual(offenders, []);
  });

  it('Node\'s fs is used only by the store, and by the listed files only to watch the store\'s own folder', () => {
    const users = sourceFiles(SRC).filter((f) => NODE_FS.test(code(f))).map(rel);
    const outside = users.filter((f) => !f.startsWith('src/store/'));
    assert.deepEqual(outside.filter((f) => !(f in FS_OUTSIDE_STORE)), [], 'fs outside src/store/ and the list');
    for (const file of outside) {
      const text = code(path.join(REPO_ROOT, file));
      const calls = [...text.matchAll(/\bfs\.(\w+)\s*\(([^,)]*)/g)].map((m) => [m[1], m[2].trim()]);
      assert.ok(calls.length > 0, `${file} imports fs for nothing: drop it from the list`);
      for (const [member, firstArgument] of calls) {
        assert.equal(member, 'watch', `${file}: fs.${member} — only fs.watch of the store folder is allowed here`);
        assert.match(firstArgument, /\bstore\b/, `${file}: fs.watch(${firstArgument}) — only the store's folder`);
      }
    }
  });

  it('the store never sees the workspace: it does not import vscode, and it is opened only on globalStorageUri', () => {
    const store = sourceFiles(path.join(SRC, 'store'));
    assert.deepEqual(store.filter((f) => /from\s+['"]vscode['"]/.test(code(f))).map(rel), []);
    // Every place outside src/store/ that opens a store file names the folder it opens it in.
    const openings = sourceFiles(SRC).filter((f) => !rel(f).startsWith('src/store/')).flatMap((f) => {
      const text = code(f);
      return [...text.matchAll(/(?:new\s+SnapshotStore(?:<[^>]*>)?|openStores)\(\s*([^,]+),/g)].map((m) => ({ file: rel(f), folder: m[1].trim(), text }));
    });
    assert.ok(openings.length >= 3, `found ${openings.length} places that open store files`);
    for (const { file, folder, text } of openings) {
      const onGlobalStorage = /globalStorageUri/.test(folder) || new RegExp(`const\\s+${folder.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*\\w+\\.globalStorageUri\\.fsPath`).test(text);
      assert.ok(onGlobalStorage, `${file} opens a store in ${folder}, not under globalStorageUri`);
    }
  });

  it('the rules catch what they are about', () => {
    assert.ok(NODE_FS.test(`import fs from 'node:fs';`) && NODE_FS.test(`const { readFile } = require('fs/promises')`) && NODE_FS.test(`await import("fs")`));
    assert.ok(!NODE_FS.test(`import { x } from './fsPaths';`));
    assert.ok(NODE_PROCESS.test(`import { execFile } from 'child_process';`) && NODE_PROCESS.test(`require("node:child_process")`));
    assert.ok(RUNS_A_PROGRAM.test(`execFileSync('git', ['rev-parse', 'HEAD'])`) && RUNS_A_PROGRAM.test(`cp.spawn('git')`) && RUNS_A_PROGRAM.test(`exec('git fetch')`));
    assert.ok(!RUNS_A_PROGRAM.test(`runGitTask(root, ['fetch'])`) && !RUNS_A_PROGRAM.test(`/x/.exec(url)`));
  });
});
