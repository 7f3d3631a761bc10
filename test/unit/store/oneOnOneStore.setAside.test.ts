import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OneOnOneStore } from '../../../src/store/oneOnOneStore';
import type { SetAsideCopiedEvent } from '../../../src/store/engine/events';
import { cleanup, EventLog, tempDir } from './helpers';

/*
 * Issue 17 #4: what a store sets aside as unreadable is never written over. One bad field in a
 * person's 1:1 record used to set the whole person aside; the next write (a keystroke in the
 * notes, a nudge) created an empty person under the same key and replaced it on disk.
 */

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 0, 5, 9);
const dateOf = (i: number) => new Date(T0 + i * 7 * DAY).toISOString().slice(0, 10);
const meetings41 = Array.from({ length: 41 }, (_, i) => ({ date: dateOf(i), notes: `notes ${i}`, updatedAt: T0 + i * 7 * DAY }));
const action = { id: 'a-1-0a', text: 'Write the RFC', createdAt: T0, date: dateOf(0) };
const nudge = { at: T0, repo: 'o/r', number: 1, url: 'https://github.com/o/r/pull/1#c', kind: 'delegated' } as const;
const readPeople = (file: string) => (JSON.parse(fs.readFileSync(file, 'utf8')) as { people: Record<string, Record<string, unknown[]>> }).people;

describe('store/set-aside records are never written over', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('set-aside'); });
  afterEach(() => cleanup(dir));

  for (const [label, person] of [
    ['one meeting with an odd date', { login: 'ana', meetings: [...meetings41.slice(0, 40), { ...meetings41[40], date: '2026-1-5' }], actions: [action] }],
    ['an action item with doneAt: null', { login: 'ana', meetings: meetings41, actions: [{ ...action, doneAt: null }] }],
    ['nudges that are not a list', { login: 'ana', meetings: meetings41, actions: [action], nudges: {} }],
  ] as const) {
    it(`41 meetings and 1 action item survive ${label} and one write (a note, then a nudge)`, async () => {
      const file = path.join(dir, 'one-on-ones.json');
      const original = JSON.stringify({ version: 1, people: { ana: person } });
      fs.writeFileSync(file, original);
      const events = new EventLog();
      const store = await OneOnOneStore.open(dir, events);
      await store.saveNotes('ana', '2026-12-06', 'new note', T0 + 400 * DAY);
      await store.recordNudge('ana', { at: T0, repo: 'o/r', number: 1, url: 'https://github.com/o/r/pull/1#c', kind: 'delegated' });
      const ana = readPeople(file).ana!;
      const onDisk = JSON.stringify(ana);
      for (const m of person.meetings) assert.ok(onDisk.includes(JSON.stringify(m)), `meeting ${m.date} is still on disk`);
      for (const a of person.actions) assert.ok(onDisk.includes(JSON.stringify(a)), `action ${a.id} is still on disk`);
      assert.ok(ana.meetings!.some((m) => (m as { notes: string }).notes === 'new note'), 'and the new note is saved');
      const read = await store.person('ana');
      assert.ok(read.meetings.length >= 40, `the readable meetings are still shown (${read.meetings.length})`);
      store.dispose();
    });
  }

  it('one bad meeting or action item costs that entry only: the person and the rest stay readable', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    const person = { login: 'ana', meetings: [...meetings41.slice(0, 40), { ...meetings41[40], date: '2026-1-5' }], actions: [action, { ...action, id: 'a-2-0b', doneAt: null }] };
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: { ana: person } }));
    const events = new EventLog();
    const store = await OneOnOneStore.open(dir, events);
    const ana = await store.person('ana');
    assert.equal(ana.meetings.length, 40);
    assert.deepEqual(ana.actions, [action]);
    assert.deepEqual(events.recordSkipped.map((e) => e.line), [
      'an item of "meetings" in "people" ("ana", item 41) was skipped: its date is not yyyy-MM-dd',
      'an item of "actions" in "people" ("ana", id "a-2-0b") was skipped: its doneAt is not a time',
    ]);
    assert.equal(await store.setActionDone('ana', action.id, true, T0 + DAY), true);
    const onDisk = readPeople(file).ana!;
    assert.equal(onDisk.meetings!.length, 41);
    assert.deepEqual(onDisk.actions![1], person.actions[1], 'the bad item is written back as it was');
    assert.equal(fs.readdirSync(dir).filter((n) => n.includes('.set-aside-')).length, 0, 'nothing set aside was touched: no copy needed');
    store.dispose();
  });

  it('before a write changes a record set aside, the file is copied and the user told once', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    const original = JSON.stringify({ version: 1, people: { ana: { login: 'ana', meetings: meetings41, actions: [action], nudges: 'lost?' } } });
    fs.writeFileSync(file, original);
    const events: SetAsideCopiedEvent[] = [];
    const store = await OneOnOneStore.open(dir, { onSetAsideCopied: (e) => events.push(e), now: () => T0 });
    assert.equal((await store.person('ana')).meetings.length, 0, 'set aside: readers see no one');
    await store.recordNudge('ana', nudge);
    assert.equal(events.length, 1);
    assert.equal(fs.readFileSync(events[0]!.copy, 'utf8'), original, 'the copy is the file as it was');
    assert.equal(path.dirname(events[0]!.copy), dir);
    assert.match(path.basename(events[0]!.copy), /^one-on-ones\.set-aside-2026-01-05T09-00-00-000Z\.json$/);
    assert.match(events[0]!.message, /one-on-ones\.json held records Lead Desk could not read.*"ana".*merged.*kept at .*nothing was deleted/s);
    const ana = await store.person('ana');
    assert.equal(ana.meetings.length, 41, 'merged: the notes are readable again');
    assert.deepEqual(ana.actions, [action]);
    assert.deepEqual(ana.nudges, [nudge]);
    await store.saveNotes('ana', '2026-12-06', 'more', T0 + 400 * DAY);
    assert.equal(events.length, 1, 'once: the merged record is readable, nothing more is set aside');
    store.dispose();
  });

  it('a day\'s notes in a set-aside person and in the new record are both kept', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: { ana: { login: 'ana', meetings: meetings41, actions: 'x' } } }));
    const store = await OneOnOneStore.open(dir);
    await store.saveNotes('ana', meetings41[3]!.date, 'typed while the old notes were hidden', T0 + DAY);
    const notes = (await store.person('ana')).meetings.find((m) => m.date === meetings41[3]!.date)!.notes;
    assert.match(notes, /^typed while the old notes were hidden\n\n.*another window.*\nnotes 3$/);
    store.dispose();
  });

  it('says what of a person could not be read, until a write merges it back', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: {
      ana: { login: 'ana', meetings: meetings41, actions: 'x' },
      bo: { login: 'bo', meetings: [{ ...meetings41[0], date: 'soon' }], actions: [{ ...action, doneAt: null }] },
      cy: { login: 'cy', meetings: meetings41, actions: [] },
    } }));
    const store = await OneOnOneStore.open(dir);
    assert.deepEqual(await store.unreadable('Ana'), { record: true, items: 0 });
    assert.deepEqual(await store.unreadable('bo'), { record: false, items: 2 });
    assert.equal(await store.unreadable('cy'), null);
    assert.equal(await store.unreadable('dee'), null);
    await store.addAction('ana', 'merge me', '2026-12-06', T0);
    assert.deepEqual(await store.unreadable('ana'), { record: false, items: 1 }, 'merged: readable again, but for the "x" kept as an unreadable item');
    assert.ok(JSON.stringify(readPeople(file).ana!.actions).includes('"x"'), 'the "x" is still in the file');
    assert.deepEqual(await store.unreadable('bo'), { record: false, items: 2 }, 'the bad items stay set aside');
    store.dispose();
  });

  it('meetings a sync tool wrote as an object are put back as a list by the next change: none is lost (review R1)', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    const byKey = Object.fromEntries(meetings41.map((m, i) => [`m${i}`, m]));
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: { zed: { login: 'zed', meetings: byKey, actions: [action], nudges: { first: nudge } } } }));
    const store = await OneOnOneStore.open(dir);
    assert.deepEqual(await store.unreadable('zed'), { record: true, items: 0 }, 'the panel says a change merges them back');
    await store.recordNudge('zed', { ...nudge, number: 2, url: 'https://github.com/o/r/pull/2#c' });
    const zed = readPeople(file).zed!;
    assert.ok(Array.isArray(zed.meetings));
    for (const m of meetings41) assert.ok(zed.meetings.some((x) => JSON.stringify(x) === JSON.stringify(m)), `meeting ${m.date} is in the main file`);
    assert.deepEqual(zed.actions, [action]);
    assert.deepEqual((zed.nudges as Array<{ number: number }>).map((n) => n.number), [1, 2]);
    const read = await store.person('zed');
    assert.equal(read.meetings.length, 41, 'and shown');
    assert.equal(await store.unreadable('zed'), null, 'merged back, as the panel said');
    store.dispose();
  });

  it('a field that is neither list nor object is kept in its list as an unreadable item', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: { zed: { login: 'zed', meetings: 'see the wiki', actions: [action] } } }));
    const store = await OneOnOneStore.open(dir);
    await store.saveNotes('zed', '2026-12-06', 'new note', T0);
    const zed = readPeople(file).zed!;
    assert.deepEqual(zed.meetings.map((m) => (typeof m === 'string' ? m : (m as { notes: string }).notes)).sort(), ['new note', 'see the wiki']);
    assert.deepEqual(await store.unreadable('zed'), { record: false, items: 1 });
    store.dispose();
  });

  it('a day a sync tool wrote twice keeps both texts when the lead saves notes for it', async () => {
    const file = path.join(dir, 'one-on-ones.json');
    const day = (notes: string) => ({ date: '2026-01-01', notes, updatedAt: T0 });
    fs.writeFileSync(file, JSON.stringify({ version: 1, people: { zed: { login: 'zed', meetings: { a: day('first text'), b: day('second text') }, actions: [] } } }));
    const store = await OneOnOneStore.open(dir);
    await store.recordNudge('zed', nudge);
    const shown = (await store.person('zed')).meetings.find((m) => m.date === '2026-01-01')!.notes;
    const saved = await store.saveNotes('zed', '2026-01-01', `${shown}\nand more`, T0 + DAY, shown);
    assert.match(saved.notes, /first text\nand more/);
    assert.match(saved.notes, /second text/);
    assert.deepEqual(readPeople(file).zed!.meetings.map((m) => (m as { notes: string }).notes), [saved.notes], 'one entry for the day now');
    store.dispose();
  });
});
