/**
 * The GitHub layer has one door: a file outside src/github/ imports nothing of it but
 * src/github/api.ts, type imports included (a type reached past the facade ties a feature to a
 * file's place just the same). The one exception is the composition root, src/extension.ts, which
 * constructs the session (session/connection.ts needs `vscode`, and api.ts must load in plain Node
 * so the features' pure parts stay unit tested there).
 */
import assert from 'node:assert/strict';
import { importGraph, type ImportEdge } from '../importGraph';

const API = 'src/github/api.ts';
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

  it('no operation in src/github/ops/ imports the client or the session: it takes a narrow Transport', () => {
    const wide = [...graph].flatMap(([file, edges]) => (file.startsWith('src/github/ops/') ? edges
      .filter((e) => e.file === 'src/github/client.ts' || e.file?.startsWith('src/github/session/'))
      .map((e) => `${file} imports ${e.file}`) : []));
    assert.deepEqual(wide, []);
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
