import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sweepLeftovers } from '../../../../src/store/engine/atomicWrite';
import { FileLock } from '../../../../src/store/engine/fileLock';
import { JsonFile, type JsonFileOptions } from '../../../../src/store/engine/jsonFile';
import { nodeStoreFs } from '../../../../src/store/engine/storeFs';
import type { FileSpec } from '../../../../src/store/engine/versionedJson';
import { cleanup, deadPid, EventLog, faultyFs, isRoot, sleep, tempDir } from '../helpers';

interface Notes {
  readonly version: 3;
  items: string[];
  title: string;
}

/** v1 had `list`; v2 renamed it `items`; v3 added `title`. */
const notesSpec: FileSpec<Notes> = {
  version: 3,
  empty: () => ({ version: 3, items: [], title: '' }),
  migrations: {
    1: ({ list, ...rest }) => ({ ...rest, items: list ?? [] }),
    2: (old) => ({ ...old, title: 'untitled' }),
  },
  check: (d) => (Array.isArray(d.items) ? null : '"items" is not a list'),
};

const open = (dir: string, options: JsonFileOptions = {}) => JsonFile.open(dir, 'notes.json', notesSpec, options);
const onDisk = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'notes.json'), 'utf8')) as Notes;

describe('store/JsonFile', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir(); });
  afterEach(() => cleanup(dir));

  describe('read-modify-write', () => {
    it('creates nothing until the first change, then writes a versioned file', async () => {
      const file = await open(dir);
      assert.deepEqual(file.data, notesSpec.empty());
      assert.equal(fs.existsSync(file.path), false);
      assert.equal(await file.update((d) => d.items.push('a')), 1);
      assert.deepEqual(onDisk(dir), { version: 3, items: ['a'], title: '' });
      assert.deepEqual((await open(dir)).data.items, ['a']);
    });

    it('applies 200 concurrent updates from one process without losing one', async () => {
      const file = await open(dir);
      await Promise.all(Array.from({ length: 200 }, (_, i) => file.update((d) => { d.items.push(String(i)); })));
      assert.equal(onDisk(dir).items.length, 200);
      assert.deepEqual(new Set(onDisk(dir).items).size, 200);
    });

    it('two handles on one file (two windows) never lose each other\'s updates', async () => {
      const [a, b] = await Promise.all([open(dir), open(dir)]);
      await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).update((d) => { d.items.push(String(i)); })));
      assert.equal(onDisk(dir).items.length, 60);
      await a.refresh();
      assert.equal(a.data.items.length, 60);
    });

    it('rejects a change that throws, and saves the others of its batch without its half-edits', async () => {
      const file = await open(dir);
      const results = await Promise.allSettled([
        file.update((d) => { d.items.push('one'); }),
        file.update((d) => { d.items.push('half'); throw new Error('boom'); }),
        file.update((d) => { d.items.push('two'); }),
      ]);
      assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
      assert.deepEqual(onDisk(dir).items, ['one', 'two']);
      assert.deepEqual(file.data.items, ['one', 'two']);
    });

    it('does not rewrite the file when a change leaves it equal', async () => {
      const file = await open(dir);
      await file.update((d) => { d.title = 'x'; });
      const before = fs.statSync(file.path).ino;
      await file.update((d) => { d.title = 'x'; });
      assert.equal(fs.statSync(file.path).ino, before);
    });

    it('leaves no temp file or lock behind, and keeps files private (0600)', async () => {
      const file = await open(dir);
      await file.update((d) => { d.title = 't'; });
      assert.deepEqual(fs.readdirSync(dir), ['notes.json']);
      if (process.platform !== 'win32') assert.equal(fs.statSync(file.path).mode & 0o777, 0o600);
    });
  });

  describe('schema versions', () => {
    it('migrates a version-1 file to version 3 on open and saves it', async () => {
      fs.writeFileSync(path.join(dir, 'notes.json'), JSON.stringify({ version: 1, list: ['old'] }));
      const file = await open(dir);
      assert.deepEqual(file.data, { version: 3, items: ['old'], title: 'untitled' });
      assert.deepEqual(onDisk(dir), { version: 3, items: ['old'], title: 'untitled' });
    });
  });

  describe('a file written by a newer version is read-only, never moved aside', () => {
    /** The next release: v4 adds `tags`; it still has `items`, so v3 can read it. */
    const notesV4: FileSpec<Notes & { tags: string[] }> = {
      ...(notesSpec as unknown as FileSpec<Notes & { tags: string[] }>),
      version: 4,
      empty: () => ({ version: 4 as never, items: [], title: '', tags: [] }),
      migrations: { ...notesSpec.migrations, 3: (old) => ({ ...old, tags: [] }) },
    };
    const listCorrupt = () => fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'));

    it('two windows on two versions: the older keeps its changes in memory, says so once, and neither moves nor writes the file', async () => {
      const events = new EventLog();
      const older = await open(dir, events);
      await older.update((d) => { d.items.push('saved by v3'); });
      const newer = await JsonFile.open(dir, 'notes.json', notesV4);
      await newer.update((d) => { d.items.push('saved by v4'); d.tags.push('t'); });
      const written = fs.readFileSync(older.path, 'utf8');

      assert.equal(await older.update((d) => d.items.push('kept by v3')), 3);
      await older.update((d) => { d.title = 'v3 title'; });
      assert.equal(await older.refresh(), false, 'nothing changed on disk since the read under the lock');
      assert.equal(await older.flush(), false, 'still unsaved: the file stays newer');

      assert.equal(fs.readFileSync(older.path, 'utf8'), written, 'the newer file is untouched');
      assert.deepEqual(listCorrupt(), [], 'never moved aside');
      assert.equal(events.recovered.length, 0);
      assert.equal(events.writeFailed.length, 0, 'not reported as a failing disk');
      assert.equal(events.newerVersion.length, 1, 'told once');
      assert.match(events.newerVersion[0].message, /newer version of Lead Desk.*Reload the window or update Lead Desk/);
      assert.equal(events.newerVersion[0].fileVersion, 4);
      assert.equal(older.newerVersion, 4);
      assert.deepEqual(older.data.items, ['saved by v3', 'saved by v4', 'kept by v3'], 'reads show the newer file with this window\'s changes');
      assert.equal(older.data.title, 'v3 title');
      assert.equal(older.unsavedChanges, 2);

      // The newer window goes on saving, and the older one sees it, its own changes on top.
      await newer.update((d) => { d.items.push('later by v4'); });
      assert.equal(await older.refresh(), true);
      assert.deepEqual(older.data.items, ['saved by v3', 'saved by v4', 'later by v4', 'kept by v3']);
      assert.deepEqual(onDisk(dir).items, ['saved by v3', 'saved by v4', 'later by v4']);
      older.dispose();
      newer.dispose();
    });

    it('a v3 window opening a v4 file reads it and does not move it aside, even if it cannot use the content', async () => {
      fs.writeFileSync(path.join(dir, 'notes.json'), '{"version": 4, "items": ["a"], "tags": []}');
      const events = new EventLog();
      const readable = await open(dir, events);
      assert.deepEqual(readable.data.items, ['a']);
      const text = '{"version": 5, "entries": ["renamed"]}';
      fs.writeFileSync(path.join(dir, 'notes.json'), text);
      const unreadable = await open(dir, events);
      assert.deepEqual(unreadable.data, notesSpec.empty());
      await unreadable.update((d) => { d.items.push('mine'); });
      assert.deepEqual(unreadable.data.items, ['mine']);
      assert.equal(fs.readFileSync(unreadable.path, 'utf8'), text);
      assert.deepEqual(listCorrupt(), []);
      assert.equal(events.recovered.length, 0);
      assert.deepEqual(events.newerVersion.map((e) => e.fileVersion), [4, 5]);
    });

    it('a change that may not be kept is rejected, not written', async () => {
      fs.writeFileSync(path.join(dir, 'notes.json'), '{"version": 4, "items": [], "tags": []}');
      const file = await open(dir);
      await assert.rejects(file.update((d) => { d.title = 'x'; }, { keepOnFailure: false }), { name: 'NewerVersionError' });
      assert.equal(file.unsavedChanges, 0);
      assert.equal(onDisk(dir).title, undefined);
      await file.update(() => undefined); // kept, but it changes nothing
      assert.equal(file.unsavedChanges, 1);
      assert.equal(await file.close(100), null, 'nothing worth a recovery file');
    });
  });

  describe('unusable files are moved aside, never overwritten', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['empty', '', /empty/],
      ['blank', ' \n', /empty/],
      ['truncated', '{"version": 3, "items": ["a", "b"', /not valid JSON/],
      ['garbage', '\u0000\u0000\u0000 not json', /not valid JSON/],
      ['not an object', '[1, 2]', /JSON object/],
      ['unversioned with no migration', '{"items": []}', /no migration from schema version 0/],
      ['invalid content', '{"version": 3, "items": "x"}', /"items" is not a list/],
    ];
    for (const [label, text, reason] of cases) {
      it(`${label}: moved to notes.corrupt-<time>.json intact, started afresh, reported`, async () => {
        fs.writeFileSync(path.join(dir, 'notes.json'), text);
        const events = new EventLog();
        const file = await open(dir, events);
        assert.equal(events.recovered.length, 1);
        const [event] = events.recovered;
        assert.equal(event.file, path.join(dir, 'notes.json'));
        assert.match(event.reason, reason);
        assert.match(path.basename(event.movedTo), /^notes\.corrupt-\d{4}-\d\d-\d\dT[\d-]+Z\.json$/);
        assert.equal(fs.readFileSync(event.movedTo, 'utf8'), text);
        assert.deepEqual(file.data, notesSpec.empty());
        assert.deepEqual(onDisk(dir), notesSpec.empty());
        await file.update((d) => { d.items.push('new'); });
        assert.equal(fs.readFileSync(event.movedTo, 'utf8'), text);
      });
    }

    it('a file damaged while open is moved aside by the next update, which then applies', async () => {
      const events = new EventLog();
      const file = await open(dir, events);
      await file.update((d) => { d.items.push('before'); });
      fs.writeFileSync(file.path, '{"version": 3, "items": [');
      await file.update((d) => { d.items.push('after'); });
      assert.equal(events.recovered.length, 1);
      assert.equal(fs.readFileSync(events.recovered[0].movedTo, 'utf8'), '{"version": 3, "items": [');
      assert.deepEqual(onDisk(dir).items, ['after']);
    });

    it('never replaces an earlier moved-aside copy', async () => {
      const events = new EventLog();
      const options = { ...events, now: () => Date.UTC(2026, 10, 26, 10, 0, 0) };
      fs.writeFileSync(path.join(dir, 'notes.json'), 'first');
      await open(dir, options);
      fs.writeFileSync(path.join(dir, 'notes.json'), 'second');
      await open(dir, options);
      const moved = events.recovered.map((e) => e.movedTo);
      assert.notEqual(moved[0], moved[1]);
      assert.deepEqual(moved.map((m) => fs.readFileSync(m, 'utf8')), ['first', 'second']);
    });
  });

  describe('failed saves keep the change in memory and retry', () => {
    for (const code of ['EACCES', 'ENOSPC', 'EROFS']) {
      it(`${code}: reported, visible to reads, earlier data untouched, saved once writable`, async () => {
        const { fs: faulty, failWith } = faultyFs();
        const events = new EventLog();
        const file = await open(dir, { ...events, fs: faulty, retryFirstMs: 60_000 });
        await file.update((d) => { d.items.push('saved'); });
        failWith(code);
        assert.equal(await file.update((d) => d.items.push('kept')), 2);
        assert.deepEqual(file.data.items, ['saved', 'kept']);
        assert.equal(file.unsavedChanges, 1);
        assert.equal(events.writeFailed.length, 1);
        assert.equal(events.writeFailed[0].code, code);
        assert.match(events.writeFailed[0].message, new RegExp(`notes\\.json.*\\(${code}\\).*kept in memory`));
        assert.deepEqual(onDisk(dir).items, ['saved']);
        await file.update((d) => { d.items.push('kept too'); });
        assert.equal(events.writeFailed.length, 1, 'one report per episode, not per attempt');
        failWith(null);
        assert.equal(await file.flush(), true);
        assert.deepEqual(onDisk(dir).items, ['saved', 'kept', 'kept too']);
        assert.equal(events.writeResumed.length, 1);
        file.dispose();
      });
    }

    it('retries on its own, and merges with what another window saved meanwhile', async () => {
      const { fs: faulty, failWith } = faultyFs();
      const events = new EventLog();
      const file = await open(dir, { ...events, fs: faulty, retryFirstMs: 30 });
      failWith('EACCES');
      await file.update((d) => { d.items.push('mine'); });
      await (await open(dir)).update((d) => { d.items.push('other window'); });
      failWith(null);
      for (let i = 0; i < 100 && !events.writeResumed.length; i++) await sleep(20);
      assert.equal(events.writeResumed.length, 1);
      assert.deepEqual(onDisk(dir).items, ['other window', 'mine']);
      file.dispose();
    });

    it('a file that cannot be read is never overwritten', async () => {
      fs.writeFileSync(path.join(dir, 'notes.json'), JSON.stringify({ version: 3, items: ['precious'], title: '' }));
      const { fs: faulty, failWith } = faultyFs();
      failWith('EACCES', 'reads');
      const events = new EventLog();
      const file = await open(dir, { ...events, fs: faulty, retryFirstMs: 60_000 });
      await file.update((d) => { d.items.push('new'); });
      assert.equal(events.writeFailed[0]?.code, 'EACCES');
      assert.deepEqual(onDisk(dir).items, ['precious']);
      failWith(null);
      assert.equal(await file.flush(), true);
      assert.deepEqual(onDisk(dir).items, ['precious', 'new']);
      file.dispose();
    });

    it('with keepOnFailure false the update rejects instead', async () => {
      const { fs: faulty, failWith } = faultyFs();
      const file = await open(dir, { fs: faulty });
      failWith('ENOSPC');
      await assert.rejects(file.update((d) => { d.title = 'x'; }, { keepOnFailure: false }), { code: 'ENOSPC' });
      assert.equal(file.unsavedChanges, 0);
      assert.equal(file.data.title, '');
    });

    it('read-only folder (chmod 0500) when not root', async function () {
      if (isRoot || process.platform === 'win32') this.skip(); // root ignores the mode bits
      const events = new EventLog();
      const file = await open(dir, { ...events, retryFirstMs: 60_000 });
      await file.update((d) => { d.items.push('saved'); });
      fs.chmodSync(dir, 0o500);
      try {
        await file.update((d) => { d.items.push('kept'); });
        assert.equal(events.writeFailed[0]?.code, 'EACCES');
        assert.deepEqual(onDisk(dir).items, ['saved']);
      } finally {
        fs.chmodSync(dir, 0o700);
      }
      assert.equal(await file.flush(), true);
      assert.deepEqual(onDisk(dir).items, ['saved', 'kept']);
      file.dispose();
    });

    it('a file in the place of the folder (ENOTDIR: root cannot bypass it)', async () => {
      const store = path.join(dir, 'store');
      const events = new EventLog();
      const file = await open(store, { ...events, retryFirstMs: 60_000 });
      await file.update((d) => { d.items.push('saved'); });
      fs.renameSync(store, `${store}-away`);
      fs.writeFileSync(store, 'a file, not a folder');
      await file.update((d) => { d.items.push('kept'); });
      assert.equal(events.writeFailed[0]?.code, 'ENOTDIR');
      assert.deepEqual(file.data.items, ['saved', 'kept']);
      fs.rmSync(store);
      fs.renameSync(`${store}-away`, store);
      assert.equal(await file.flush(), true);
      assert.deepEqual(onDisk(store).items, ['saved', 'kept']);
      file.dispose();
    });
  });

  describe('locks', () => {
    const lockDir = (d: string) => path.join(d, 'notes.json.lock');
    const plantLock = (owner: object, ageMs = 0) => {
      fs.mkdirSync(lockDir(dir));
      fs.writeFileSync(path.join(lockDir(dir), 'owner'), JSON.stringify(owner));
      const t = new Date(Date.now() - ageMs);
      fs.utimesSync(lockDir(dir), t, t);
    };

    it('takes over at once the lock of a process that no longer exists', async () => {
      plantLock({ pid: deadPid(), host: os.hostname(), token: 'dead' });
      const file = await open(dir);
      const started = Date.now();
      await file.update((d) => { d.title = 'got it'; });
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
      assert.equal(fs.existsSync(lockDir(dir)), false);
    });

    it('takes over a lock not refreshed within `stale` (owner on another host)', async () => {
      plantLock({ pid: process.pid, host: 'some-other-host', token: 'far' }, 60_000);
      const file = await open(dir, { lockStaleMs: 2000 });
      await file.update((d) => { d.title = 'got it'; });
      assert.equal(onDisk(dir).title, 'got it');
    });

    it('waits for a live holder; if it holds too long, keeps the change and retries', async () => {
      const holder = new FileLock(path.join(dir, 'notes.json'), { fs: nodeStoreFs, staleMs: 10_000, maxWaitMs: 0 });
      const held = await holder.acquire();
      const events = new EventLog();
      const file = await open(dir, { ...events, lockMaxWaitMs: 300, retryFirstMs: 60_000 });
      setTimeout(() => void held.release(), 150);
      await file.update((d) => { d.title = 'waited'; });
      assert.equal(onDisk(dir).title, 'waited');

      const again = await holder.acquire();
      await file.update((d) => { d.title = 'timed out'; });
      assert.equal(events.writeFailed[0]?.code, 'ELOCKTIMEOUT');
      assert.equal(file.data.title, 'timed out');
      await again.release();
      assert.equal(await file.flush(), true);
      assert.equal(onDisk(dir).title, 'timed out');
      file.dispose();
    });

    it('sweeps temp files left by killed processes, but only old ones', async () => {
      const old = path.join(dir, 'notes.json.123-abcdef.tmp');
      const recent = path.join(dir, 'notes.json.456-abcdef.tmp');
      fs.writeFileSync(old, 'x');
      fs.writeFileSync(recent, 'y');
      fs.utimesSync(old, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
      assert.equal(await sweepLeftovers(nodeStoreFs, dir), 1);
      assert.deepEqual(fs.readdirSync(dir), ['notes.json.456-abcdef.tmp']);
    });
  });
});
