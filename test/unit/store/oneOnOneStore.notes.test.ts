import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { OTHER_NOTES_MARKER } from '../../../src/core/oneOnOne';
import { toLocalDate } from '../../../src/core/localDate';
import { NotesSession } from '../../../src/oneOnOne/notesSession';
import { OneOnOneStore, type SavedNotes } from '../../../src/store/oneOnOneStore';
import { cleanup, tempDir, workerPath } from './helpers';

/*
 * Issue 17 #5: 1:1 notes were last-writer-wins across windows. Each save carries the text it was
 * based on; a save that meets another window's text keeps both, under the file's lock.
 */

/** One window (process) saving mira's notes of 2026-12-04, edited from `base`. */
function saveInAnotherProcess(dir: string, text: string, base: string, id: number): Promise<SavedNotes> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerPath(), dir, 'notes', text, base, String(id)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.split('\n').find((l) => l.startsWith('N '));
      if (code !== 0 || !line) reject(new Error(`worker ${id} failed (${code}): ${stderr}`));
      else resolve(JSON.parse(line.slice(2)) as SavedNotes);
    });
  });
}

describe('store/1:1 notes saved from two windows', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('one-on-one-notes'); });
  afterEach(() => cleanup(dir));

  it('two processes saving the same day from the same base: both texts are kept, and the second is told', async () => {
    const store = await OneOnOneStore.open(dir);
    await store.saveNotes('mira', '2026-12-04', 'Agenda: cache', 1);
    const results = await Promise.all([
      saveInAnotherProcess(dir, 'Agenda: cache\nWindow A: wants to lead the ADR', 'Agenda: cache', 1),
      saveInAnotherProcess(dir, 'Agenda: cache\nWindow B: on call next week', 'Agenda: cache', 2),
    ]);
    const notes = (await store.person('mira')).meetings.find((m) => m.date === '2026-12-04')!.notes;
    assert.match(notes, /Window A: wants to lead the ADR/);
    assert.match(notes, /Window B: on call next week/);
    assert.equal(notes.split(OTHER_NOTES_MARKER).length, 2, 'one marker between the two texts');
    assert.equal(results.filter((r) => r.theirs === null).length, 1, 'the first save met its base');
    const second = results.find((r) => r.theirs !== null)!;
    assert.equal(second.notes, notes, 'the second is told what is stored now');
    store.dispose();
  });

  it('four processes from one base: every text is kept', async () => {
    const store = await OneOnOneStore.open(dir);
    const texts = [1, 2, 3, 4].map((i) => `note from window ${i}`);
    const results = await Promise.all(texts.map((t, i) => saveInAnotherProcess(dir, t, '', i + 1)));
    const notes = (await store.person('mira')).meetings[0]!.notes;
    for (const t of texts) assert.ok(notes.includes(t), `${t} is kept`);
    assert.equal(results.filter((r) => r.theirs === null).length, 1);
    store.dispose();
  });

  it('a save from the stored text replaces it; without a base it replaces whatever is there', async () => {
    const store = await OneOnOneStore.open(dir);
    assert.deepEqual(await store.saveNotes('mira', '2026-12-04', 'v1', 1, ''), { notes: 'v1', theirs: null });
    assert.deepEqual(await store.saveNotes('mira', '2026-12-04', 'v2', 2, 'v1'), { notes: 'v2', theirs: null });
    assert.deepEqual(await store.saveNotes('mira', '2026-12-04', 'v2 and more', 3, 'v1'), { notes: 'v2 and more', theirs: null }, 'mine holds theirs: nothing to add');
    assert.deepEqual(await store.saveNotes('mira', '2026-12-04', '', 4, 'v2 and more'), { notes: '', theirs: null }, 'cleared from its base: removed');
    assert.deepEqual((await store.person('mira')).meetings, []);
    await store.saveNotes('mira', '2026-12-04', 'another window', 5, '');
    assert.deepEqual(await store.saveNotes('mira', '2026-12-04', 'no base', 6), { notes: 'no base', theirs: null });
    store.dispose();
  });

  it('tells listeners when another window (process) saves, and when this one does', async () => {
    const store = await OneOnOneStore.open(dir);
    let changes = 0;
    const seen = () => new Promise<void>((resolve) => {
      const sub = store.onDidChange(() => {
        changes++;
        sub.dispose();
        resolve();
      });
    });
    const fromOther = seen();
    await saveInAnotherProcess(dir, 'from the other window', '', 1);
    await fromOther;
    assert.equal((await store.person('mira')).meetings[0]!.notes, 'from the other window', 'reread before listeners are told');
    const fromHere = seen();
    await store.saveNotes('mira', '2026-12-04', 'from here', 2, 'from the other window');
    await fromHere;
    assert.equal(changes, 2);
    store.dispose();
  });
});

describe('oneOnOne/notes session', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('notes-session'); });
  afterEach(() => cleanup(dir));

  it('a panel open across midnight saves under the day it was opened for', async () => {
    const store = await OneOnOneStore.open(dir);
    // Local times: the same calendar days in any time zone.
    let clock = new Date(2026, 11, 4, 23, 58).getTime();
    const session = new NotesSession(Promise.resolve(store), 'mira', () => clock);
    clock = new Date(2026, 11, 5, 0, 3).getTime();
    await session.save('Thursday\'s 1:1, typed after midnight', '', 1);
    await session.addAction('Share the ADR');
    const mira = await store.person('mira');
    assert.equal(session.date, '2026-12-04');
    assert.deepEqual(mira.meetings.map((m) => [m.date, m.notes, m.updatedAt]), [['2026-12-04', 'Thursday\'s 1:1, typed after midnight', clock]]);
    assert.deepEqual(mira.actions.map((a) => a.date), ['2026-12-04']);
    assert.notEqual(toLocalDate(clock), session.date);
    store.dispose();
  });

  it('answers each save with its number and what another window had saved meanwhile', async () => {
    const store = await OneOnOneStore.open(dir);
    const other = await OneOnOneStore.open(dir);
    const session = new NotesSession(Promise.resolve(store), 'mira', () => new Date(2026, 11, 4, 10).getTime());
    await session.save('mine', '', 7);
    assert.deepEqual(session.lastSave, { seq: 7, theirs: null, failed: false });
    await other.saveNotes('mira', '2026-12-04', 'mine\nplus the other window', 2, 'mine');
    await session.save('mine, edited', 'mine', 8);
    assert.deepEqual(session.lastSave, { seq: 8, theirs: 'mine\nplus the other window', failed: false });
    assert.equal((await store.person('mira')).meetings[0]!.notes, `mine, edited\n\n${OTHER_NOTES_MARKER}\nmine\nplus the other window`);
    await assert.rejects(new NotesSession(Promise.resolve(store), 'not a login!', Date.now).save('x', '', 9), RangeError);
    store.dispose();
    other.dispose();
  });
});
