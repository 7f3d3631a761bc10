/** Issue 17, item 6: the hand-offs kept in globalState move into `hand-offs.json` once, without loss. */
import assert from 'node:assert/strict';
import { HandOffStore } from '../../../src/store/handOffStore';
import type { MementoLike } from '../../../src/util/state';
import { moveLegacyHandOffs } from '../../../src/inbox/legacyHandOffs';
import { cleanup, faultyFs, tempDir } from '../store/helpers';

const SCOPE = { origin: 'https://api.github.com', account: 'lead' };
const KEY = 'leadDesk.handOffs';

/** globalState as VS Code keeps it: a key-value map whose `update(key, undefined)` removes the key. */
class Memento implements MementoLike {
  readonly values = new Map<string, unknown>();
  get<T>(key: string): T | undefined {
    return this.values.get(key) as T | undefined;
  }
  update(key: string, value: unknown): Thenable<void> {
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    return Promise.resolve();
  }
}

describe('inbox: hand-offs from globalState', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('legacy-handoffs'); });
  afterEach(() => cleanup(dir));

  it('moves them into the store for the account signed in, once, and then clears globalState', async () => {
    const at = Date.now() - 3_600_000;
    const memento = new Memento();
    await memento.update(KEY, { 'acme/api#7>jun': at, 'acme/web#3>mira': at + 1 });
    const store = await HandOffStore.open(dir);
    assert.equal(await moveLegacyHandOffs(memento, store, SCOPE), 2);
    assert.equal(memento.get(KEY), undefined);
    assert.equal(await moveLegacyHandOffs(memento, store, SCOPE), undefined, 'nothing left to move');
    const reopened = await HandOffStore.open(dir);
    assert.equal(reopened.handedAt(SCOPE, 'acme/api', 7, 'jun'), at);
    assert.equal(reopened.handedAt(SCOPE, 'acme/web', 3, 'mira'), at + 1);
    assert.equal(reopened.handedAt({ ...SCOPE, account: 'other' }, 'acme/api', 7, 'jun'), undefined);
  });

  it('keeps them in globalState when the store cannot save them', async () => {
    const memento = new Memento();
    const legacy = { 'acme/api#7>jun': Date.now() - 1000 };
    await memento.update(KEY, legacy);
    const faulty = faultyFs();
    const store = await HandOffStore.open(dir, { fs: faulty.fs, lockMaxWaitMs: 200, retryFirstMs: 60_000 });
    faulty.failWith('EACCES');
    await assert.rejects(moveLegacyHandOffs(memento, store, SCOPE));
    assert.deepEqual(memento.get(KEY), legacy, 'not lost');
    faulty.failWith(null);
    assert.equal(await moveLegacyHandOffs(memento, store, SCOPE), 1);
    assert.equal(memento.get(KEY), undefined);
    store.dispose();
  });
});
