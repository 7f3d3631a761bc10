/**
 * The inbox is the app's one model of the lead's work; the tree (src/work/) only draws it and runs
 * commands on it, and is nobody's service. So no file outside src/work/ imports from it (the
 * composition root registers it, and feature.ts names its tree for the test API), nothing in
 * src/inbox/ reaches up into it, and the features that read the lead's work need `inbox`.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { importGraph } from '../importGraph';
import { REPO_ROOT } from '../sourceFiles';

/** The only imports of src/work/ from outside it. */
const ALLOWED: Readonly<Record<string, string>> = {
  'src/extension.ts': 'src/work/index.ts',
  'src/feature.ts': 'src/work/workTree.ts',
};
/** The features that read the inbox (issue 18), and the tree itself. */
const INBOX_READERS = ['queue', 'review', 'alerts', 'standup', 'oneOnOne', 'work'];

const text = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

describe('inbox: the tree is nobody\'s service', () => {
  const graph = importGraph('src');
  const inWork = (f: string | null): f is string => f !== null && f.startsWith('src/work/');

  it('no file outside src/work/ imports from it, type imports included', () => {
    const outside = [...graph].flatMap(([file, edges]) => (inWork(file) ? [] : edges
      .filter((e) => inWork(e.file) && ALLOWED[file] !== e.file)
      .map((e) => `${file} imports ${e.file}${e.typeOnly ? ' (type)' : ''}`)));
    assert.deepEqual(outside, []);
  });

  it('src/inbox/ imports nothing of src/work/ or of the features that read it', () => {
    const readers = INBOX_READERS.map((f) => `src/${f}/`);
    const up = [...graph].flatMap(([file, edges]) => (file.startsWith('src/inbox/') ? edges
      .filter((e) => e.file !== null && readers.some((r) => e.file!.startsWith(r)))
      .map((e) => `${file} imports ${e.file}`) : []));
    assert.deepEqual(up, []);
  });

  it('the features that read the lead\'s work need(\'inbox\'), and only the test API takes the tree', () => {
    for (const feature of INBOX_READERS) assert.match(text(`src/${feature}/index.ts`), /ctx\.need\('inbox'\)/, `src/${feature}/index.ts`);
    const asking = [...graph.keys()].filter((file) => /\.need\('work(Tree)?'\)/.test(text(file)) && file !== 'src/extension.ts');
    assert.deepEqual(asking, []);
  });
});
