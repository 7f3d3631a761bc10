import assert from 'node:assert/strict';
import { notesAfterSaveAnswer, OTHER_NOTES_MARKER } from '../../../src/core/oneOnOne';
import { OneOnOneStore } from '../../../src/store/oneOnOneStore';
import { cleanup, tempDir } from './helpers';

/*
 * Issue 17 review: the 1:1 webview moved its base to what was stored after a failed save, so its
 * next save, meeting a text another window saved meanwhile, replaced it silently.
 */

describe('oneOnOne/notes editor after the answer to a save', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('one-on-one-editor'); });
  afterEach(() => cleanup(dir));

  it('a failed save keeps the old base and the typed text', () => {
    const next = notesAfterSaveAnswer({ base: 'agenda', text: 'agenda\nmine', typed: false }, { failed: true, theirs: null }, 'agenda\ntheirs');
    assert.deepEqual(next, { base: 'agenda', text: 'agenda\nmine', typed: true, saveAgain: false });
  });

  it('a saved text becomes the base; typing meanwhile is kept (with their text on a conflict) and saved again', () => {
    assert.deepEqual(notesAfterSaveAnswer({ base: 'a', text: 'a b', typed: false }, { failed: false, theirs: null }, 'a b'),
      { base: 'a b', text: 'a b', typed: false, saveAgain: false });
    const next = notesAfterSaveAnswer({ base: 'a', text: 'a b c', typed: true }, { failed: false, theirs: 'a x' }, `a b\n\n${OTHER_NOTES_MARKER}\na x`);
    assert.equal(next.base, `a b\n\n${OTHER_NOTES_MARKER}\na x`);
    assert.equal(next.text, `a b c\n\n${OTHER_NOTES_MARKER}\na x`);
    assert.equal(next.saveAgain, true);
  });

  it('the save after a failed one keeps what another window saved in between', async () => {
    const store = await OneOnOneStore.open(dir);
    const D = '2026-12-04';
    await store.saveNotes('mira', D, 'agenda', 1);
    // This window's save fails (nothing stored); another window saves from the same base before
    // the answer reaches the editor, with the day's notes as stored then.
    await store.saveNotes('mira', D, 'agenda\nwindow B', 2, 'agenda');
    const stored = (await store.person('mira')).meetings[0]!.notes;
    const editor = notesAfterSaveAnswer({ base: 'agenda', text: 'agenda\nwindow A', typed: false }, { failed: true, theirs: null }, stored);
    const saved = await store.saveNotes('mira', D, `${editor.text}, more`, 3, editor.base);
    assert.match(saved.notes, /window A, more/);
    assert.match(saved.notes, /window B/, 'the other window\'s text is kept');
    assert.notEqual(saved.theirs, null, 'and the editor is told');
    store.dispose();
  });
});
