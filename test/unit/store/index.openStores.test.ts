import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isStoreDataFile, openStores } from '../../../src/store';
import { cleanup, EventLog, tempDir } from './helpers';

/** The repository's src/store, found from the working folder or from this bundle's place. */
function storeSources(): string | null {
  for (let d = path.resolve(__dirname); d !== path.dirname(d); d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, 'src', 'store', 'index.ts'))) return path.join(d, 'src', 'store');
  }
  const fromCwd = path.resolve('src', 'store');
  return fs.existsSync(path.join(fromCwd, 'index.ts')) ? fromCwd : null;
}

describe('store/openStores', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('open'); });
  afterEach(() => cleanup(dir));

  it('creates the folder, opens every store and reports recovered files through the options', async () => {
    const root = path.join(dir, 'globalStorage');
    fs.mkdirSync(root);
    fs.writeFileSync(path.join(root, 'tasks.json'), '{"version": 1, "tasks": [');
    const events = new EventLog();
    const stores = await openStores(root, events);
    await stores.time.start('technical', Date.now());
    await stores.time.switchTo('managerial', Date.now() + 1);
    await stores.tasks.add({ title: 'x', assignee: 'a', due: null });
    await stores.reviews.append({ finishedAt: Date.now(), sections: {} });
    assert.equal(await stores.flush(), true);
    stores.dispose();
    assert.equal(events.recovered.length, 1);
    assert.equal(events.recovered[0].file, path.join(root, 'tasks.json'));
    const data = fs.readdirSync(root, { recursive: true }).map(String).filter((f) => isStoreDataFile(f));
    assert.deepEqual(data.length, 4, data.join());
  });

  it('tells data files from locks, temp files and moved-aside copies (for a change watcher)', () => {
    for (const f of ['timer.json', 'tasks.json', 'time/2026-11.json', 'time\\2026-11.json', 'reviews/2026.json']) {
      assert.equal(isStoreDataFile(f), true, f);
    }
    for (const f of ['timer.json.lock', 'timer.json.123-abc.tmp', 'tasks.corrupt-2026-11-26T10-00-00-000Z.json', 'time/x.json', 'other.json', 'cache.json']) {
      assert.equal(isStoreDataFile(f), false, f);
    }
  });

  it('never imports vscode: the store is plain Node', function () {
    const src = storeSources();
    if (!src) this.skip();
    for (const file of fs.readdirSync(src!, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'))) {
      assert.doesNotMatch(fs.readFileSync(path.join(src!, file), 'utf8'), /from ['"]vscode['"]|require\(['"]vscode['"]\)/, file);
    }
  });
});
