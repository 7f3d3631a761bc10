/**
 * The GitHub layer has one door: a file outside src/github/ imports nothing of it but
 * src/github/api.ts, type imports included (a type reached past the facade ties a feature to a
 * file's place just the same). The one exception is the composition root, src/extension.ts, which
 * constructs the session (session/connection.ts needs `vscode`, and api.ts must load in plain Node
 * so the features' pure parts stay unit tested there).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importGraph, type ImportEdge } from '../importGraph';
import { REPO_ROOT } from '../sourceFiles';

const API = 'src/github/api.ts';
/** What an operation must not reach: it takes a narrow `Transport` (transport/transport.ts), never the whole session. */
const WIDE = ['src/github/client.ts', 'src/github/githubService.ts', API];
const isOperation = (file: string): boolean => file.startsWith('src/github/ops/');

/** Imports by a file of src/github/ops/ of another operation, the client, the service, api.ts or the session. */
function leafBreaches(graph: ReadonlyMap<string, readonly ImportEdge[]>): string[] {
  return [...graph].flatMap(([file, edges]) => (isOperation(file) ? edges
    .filter((e) => e.file !== null && (isOperation(e.file) || WIDE.includes(e.file) || e.file.startsWith('src/github/session/')))
    .map((e) => `${file} imports ${e.file}${e.typeOnly ? ' (type)' : ''}`) : []));
}

const COMPOSITION_ROOT: Readonly<Record<string, string>> = { 'src/extension.ts': 'src/github/session/connection.ts' };

describe('GitHub layer: api.ts is the only door', () => {
  const graph = importGraph('src');
  const inGitHub = (f: string | null): f is string => f !== null && f.startsWith('src/github/');

  it('no file outside src/github/ imports past api.ts (type imports too)', () => {
    const past = [...graph].flatMap(([file, edges]) => (inGitHub(file) ? [] : edges
      .filter((e) => inGitHub(e.file) && e.file !== API && COMPOSITION_ROOT[file] !== e.file)
      .map((e) => `${file} imports ${e.file}${e.typeOnly ? ' (type)' : ''}`)));
    assert.deepEqual(past, []);
    assert.ok([...graph].some(([file, edges]) => !inGitHub(file) && edges.some((e) => e.file === API)), 'the features do import api.ts');
  });

  it('nothing inside src/github/ imports api.ts back', () => {
    const back = [...graph].flatMap(([file, edges]) => (inGitHub(file) && edges.some((e) => e.file === API) ? [file] : []));
    assert.deepEqual(back, []);
  });

  it('every operation is a leaf on the transport: no file of src/github/ops/ imports the client, the service, api.ts, the session or another operation', () => {
    const ops = [...graph.keys()].filter(isOperation);
    assert.ok(ops.length >= 15, `found ${ops.length} operations`);
    assert.deepEqual(leafBreaches(graph), []);
  });

  it('the leaf rule sees an operation importing another, a type import too', () => {
    const edge = (file: string, typeOnly = false): ImportEdge => ({ spec: file, file, typeOnly });
    assert.deepEqual(leafBreaches(new Map([
      ['src/github/ops/a.ts', [edge('src/github/ops/b.ts', true), edge('src/github/parse.ts')]],
      ['src/github/ops/b.ts', [edge('src/github/client.ts')]],
      ['src/github/client.ts', [edge('src/github/ops/a.ts')]],
    ])), ['src/github/ops/a.ts imports src/github/ops/b.ts (type)', 'src/github/ops/b.ts imports src/github/client.ts']);
  });

  it('every operation that writes sends it once (transport/writeOnce.ts `sendOnce`), never through a retrying call', () => {
    // A REST write method of Octokit, or a GraphQL mutation, in an operation's text.
    const WRITE = /\.rest\.\w+\.(?:create|update|merge|add|remove|delete|set|markThread|reRun|request)\w*\(|\bmutation\b/;
    const ops = [...graph.keys()].filter(isOperation);
    const writers = ops.filter((f) => WRITE.test(fs.readFileSync(path.join(REPO_ROOT, f), 'utf8')));
    assert.ok(writers.length >= 8, `found ${writers.length} writing operations: ${writers.join(', ')}`);
    const unguarded = writers.filter((f) => !graph.get(f)!.some((e) => e.file === 'src/github/transport/writeOnce.ts' && !e.typeOnly));
    assert.deepEqual(unguarded, []);
  });

  it('api.ts loads without vscode: no runtime import reached from it needs vscode', () => {
    const seen = new Set<string>();
    const needVscode: string[] = [];
    const walk = (file: string, via: string[]): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const runtime = (graph.get(file) ?? []).filter((e: ImportEdge) => !e.typeOnly);
      if (runtime.some((e) => e.spec === 'vscode')) needVscode.push([...via, file].join(' → '));
      for (const e of runtime) if (e.file !== null) walk(e.file, [...via, file]);
    };
    walk(API, []);
    assert.ok(seen.size > 10, `walked ${seen.size} files`);
    assert.deepEqual(needVscode, []);
  });
});
