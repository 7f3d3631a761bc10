import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, sourceFiles } from '../sourceFiles';

/*
 * The file engine (locks, atomic writes, versioned files, JsonFile, recovery, shards) sits below
 * the feature stores: it may import itself, src/util, Node and packages, never a store above it.
 * What it must know of the stores (which files get a recovery file) is handed to it.
 */
describe('store/engine sits below the feature stores', () => {
  const storeDir = path.join(REPO_ROOT, 'src', 'store');
  const engineDir = path.join(storeDir, 'engine');
  const utilDir = path.join(REPO_ROOT, 'src', 'util');
  const inside = (dir: string, file: string) => !path.relative(dir, file).startsWith('..');

  it('imports no feature store, nor anything of src/ outside the engine and src/util', () => {
    const files = sourceFiles(engineDir);
    assert.ok(files.length >= 10, `expected the engine files in ${engineDir}`);
    const wrong: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, 'utf8');
      for (const m of source.matchAll(/\b(?:from|import|require)\s*\(?\s*['"]([^'"]+)['"]/g)) {
        const spec = m[1]!;
        if (!spec.startsWith('.')) continue; // node:…, lowdb, proper-lockfile
        const target = path.resolve(path.dirname(file), spec);
        if (!inside(engineDir, target) && !inside(utilDir, target)) wrong.push(`${path.relative(REPO_ROOT, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('holds no feature store: those stay in src/store', () => {
    const stores = fs.readdirSync(engineDir).filter((f) => /Store\.ts$/.test(f) && f !== 'fileBackedStore.ts');
    assert.deepEqual(stores, []);
    for (const store of ['taskStore', 'timeStore', 'reviewHistoryStore', 'oneOnOneStore', 'alertStore', 'handOffStore', 'snapshotStore']) {
      assert.ok(fs.existsSync(path.join(storeDir, `${store}.ts`)), store);
    }
  });
});
