import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OTHER_NOTES_MARKER } from '../../../src/core/oneOnOne';
import { openStores } from '../../../src/store';
import { OneOnOneStore } from '../../../src/store/oneOnOneStore';
import { mergeRecoveryFiles } from '../../../src/store/engine/recovery';
import { STORE_RECOVERY } from '../../../src/store/recoverableFiles';
import { nodeStoreFs } from '../../../src/store/engine/storeFs';
import { cleanup, refusingRenamesOnto, tempDir } from './helpers';

/*
 * 1:1 notes a window could not save go to a recovery file, merged at the next start into the
 * file as it is then: what other windows saved meanwhile (nudges included) stays.
 */


describe('store/1:1 notes recovered at the next start', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('one-on-one-recovery'); });
  afterEach(() => cleanup(dir));

  it('keeps the nudges another window recorded meanwhile', async () => {
    const T = Date.UTC(2026, 11, 4, 10);
    const failing = refusingRenamesOnto(['one-on-ones.json']);
    const a = await openStores(dir, { fs: failing.fs, retryFirstMs: 60_000, recoveryFallbackDir: null });
    const b = await openStores(dir, { recoveryFallbackDir: null });
    await b.oneOnOnes.recordNudge('ana', { at: T, repo: 'acme/app', number: 3, url: 'https://github.com/acme/app/pull/3#c', kind: 'own-pr' });
    failing.arm(true);
    await a.oneOnOnes.saveNotes('ana', '2026-12-04', 'typed while saves failed', T);
    await a.close();
    await b.oneOnOnes.recordNudge('ana', { at: T + 1, repo: 'acme/app', number: 4, url: 'https://github.com/acme/app/pull/4#c', kind: 'own-pr' });
    await b.close();

    const c = await openStores(dir, { recoveryFallbackDir: null });
    const ana = await c.oneOnOnes.person('ana');
    assert.deepEqual(ana.meetings.map((m) => m.notes), ['typed while saves failed']);
    assert.deepEqual((ana.nudges ?? []).map((n) => n.number), [3, 4]);
    await c.close();
  });

  /** Window A closed with unsaved notes `mineNotes` for D, based on `baseNotes`; window B saved `theirs` for D since. */
  async function recoverOver(theirs: string, baseNotes: string | null, mineNotes: string | null): Promise<string[]> {
    const D = '2026-12-04';
    const b = await OneOnOneStore.open(dir);
    if (baseNotes !== null) await b.saveNotes('zed', D, baseNotes, 1);
    await b.saveNotes('zed', D, theirs, 10, baseNotes ?? '');
    b.dispose();
    const person = (notes: string | null) => ({ login: 'zed', meetings: notes === null ? [] : [{ date: D, notes, updatedAt: 5 }], actions: [] });
    const record = { version: 1, recoveryOf: 'one-on-ones.json', writtenAt: 5, base: { version: 1, people: { zed: person(baseNotes) } }, mine: { version: 1, people: { zed: person(mineNotes) } } };
    fs.writeFileSync(path.join(dir, 'one-on-ones.recovery-20261204T100000Z-123-abcd.json'), JSON.stringify(record));
    assert.equal(await mergeRecoveryFiles(dir, nodeStoreFs, { recoveryFallbackDir: null }, STORE_RECOVERY), 1);
    const after = JSON.parse(fs.readFileSync(path.join(dir, 'one-on-ones.json'), 'utf8')) as { people: { zed: { meetings: Array<{ date: string; notes: string }> } } };
    return after.people.zed.meetings.filter((m) => m.date === D).map((m) => m.notes);
  }

  it('notes another window saved for the same day since the base are kept beside the recovered ones (review R2)', async () => {
    const notes = await recoverOver('B: written in window B', null, 'A: typed in window A, never saved');
    assert.equal(notes.length, 1);
    assert.match(notes[0]!, /A: typed in window A, never saved/);
    assert.match(notes[0]!, /B: written in window B/);
    assert.ok(notes[0]!.includes(OTHER_NOTES_MARKER), 'the marker says two texts were kept');
  });

  it('a recovered emptying of a day does not delete what another window saved for it since', async () => {
    assert.deepEqual(await recoverOver('B: changed in window B', 'agenda', null), ['B: changed in window B']);
  });

  it('a day no other window changed since the base takes the recovered notes, or goes when they emptied it; a day changed only elsewhere stays as it is', async () => {
    const D = '2026-12-04';
    const s = await OneOnOneStore.open(dir);
    await s.saveNotes('zed', D, 'agenda', 1);
    await s.saveNotes('zed', '2026-12-05', 'friday', 1);
    await s.saveNotes('zed', '2026-12-03', 'thursday, then window B', 1);
    s.dispose();
    const person = (meetings: Array<{ date: string; notes: string }>) => ({ login: 'zed', meetings: meetings.map((m) => ({ ...m, updatedAt: 1 })), actions: [] });
    const thursday = { date: '2026-12-03', notes: 'thursday' };
    const base = { version: 1, people: { zed: person([thursday, { date: D, notes: 'agenda' }, { date: '2026-12-05', notes: 'friday' }]) } };
    const mine = { version: 1, people: { zed: person([thursday, { date: D, notes: 'agenda, then more' }]) } };
    fs.writeFileSync(path.join(dir, 'one-on-ones.recovery-20261204T100000Z-123-abcd.json'), JSON.stringify({ version: 1, recoveryOf: 'one-on-ones.json', writtenAt: 5, base, mine }));
    assert.equal(await mergeRecoveryFiles(dir, nodeStoreFs, { recoveryFallbackDir: null }, STORE_RECOVERY), 1);
    const after = await OneOnOneStore.open(dir);
    assert.deepEqual((await after.person('zed')).meetings.map((m) => [m.date, m.notes]), [['2026-12-03', 'thursday, then window B'], [D, 'agenda, then more']]);
    after.dispose();
  });
});
