import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  LEAD_SCHEMES, LeadEditPairing, TYPING_PAIR_MS, inFrontOfLead, isLeadScheme, isLeadSelection,
  type EditorEventPlace, type SelectionSource,
} from '../../../src/core/leadActivity';

const T0 = Date.UTC(2026, 10, 30, 8);
const doc = 'file:///work/src/a.ts';
const here: EditorEventPlace = { document: doc, scheme: 'file', inActiveEditor: true, windowFocused: true };

describe('lead activity: which editor events are the lead\'s', () => {
  it('counts files, remote files, untitled files and notebook cells; never output channels, git views, settings or diffs', () => {
    for (const scheme of ['file', 'vscode-remote', 'untitled', 'vscode-notebook-cell']) assert.ok(isLeadScheme(scheme), scheme);
    for (const scheme of ['output', 'git', 'vscode-userdata', 'vscode-scm', 'search-editor', 'comment', 'vscode-chat-code-block', 'walkThroughSnippet']) {
      assert.ok(!isLeadScheme(scheme), scheme);
      assert.ok(!inFrontOfLead({ ...here, scheme }), scheme);
    }
    assert.deepEqual([...LEAD_SCHEMES].sort(), ['file', 'untitled', 'vscode-notebook-cell', 'vscode-remote']);
  });

  it('only in the active editor of a focused window', () => {
    assert.ok(inFrontOfLead(here));
    assert.ok(!inFrontOfLead({ ...here, windowFocused: false }), 'a window the lead is not in');
    assert.ok(!inFrontOfLead({ ...here, inActiveEditor: false }), 'a document not in front of the lead');
  });

  it('a selection change counts when the keyboard or the mouse made it, never a command or the text moving', () => {
    const sources: [SelectionSource, boolean][] = [['keyboard', true], ['mouse', true], ['command', false], ['other', false]];
    for (const [source, counts] of sources) assert.equal(isLeadSelection(here, source), counts, source);
    assert.ok(!isLeadSelection({ ...here, windowFocused: false }, 'keyboard'));
  });

  it('typing (a change, then the cursor moved by the keyboard) is an edit; a change nobody typed is not', () => {
    const p = new LeadEditPairing();
    assert.equal(p.change(here, T0), null, 'not yet: an edit applied by code looks the same at first');
    assert.equal(p.selection(here, 'keyboard', T0 + 5), T0, 'the keyboard moved the cursor: it was typed');
    assert.equal(p.change(here, T0 + 200), T0 + 200, 'the next keystroke, right after a keyboard move');

    const agent = new LeadEditPairing();
    assert.equal(agent.change(here, T0), null);
    assert.equal(agent.selection(here, 'other', T0 + 5), null, 'the cursor moved because the text moved');
    assert.equal(agent.selection(here, 'command', T0 + 10), null, 'an extension set the selection');
    assert.equal(agent.selection(here, 'keyboard', T0 + TYPING_PAIR_MS + 1), null, 'a keystroke long after is not what made that change');
  });

  it('a keystroke in another document does not make a change here the lead\'s', () => {
    const p = new LeadEditPairing();
    assert.equal(p.selection({ ...here, document: 'file:///work/src/b.ts' }, 'keyboard', T0), null);
    assert.equal(p.change(here, T0 + 10), null);
    assert.equal(p.selection({ ...here, document: 'file:///work/src/b.ts' }, 'keyboard', T0 + 20), null);
  });

  it('never an edit outside the active editor of a focused window, or in a non-file scheme, whatever the keyboard does', () => {
    const place = fc.record({
      document: fc.constantFrom(doc, 'output:extension-output', 'file:///work/src/b.ts'),
      scheme: fc.constantFrom('file', 'output', 'git', 'vscode-remote'),
      inActiveEditor: fc.boolean(),
      windowFocused: fc.boolean(),
    });
    const step = fc.record({ dt: fc.integer({ min: 0, max: 3_000 }), place, what: fc.constantFrom<'change' | SelectionSource>('change', 'keyboard', 'mouse', 'command', 'other') });
    fc.assert(fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
      const p = new LeadEditPairing();
      let t = T0;
      const changes = new Map<number, EditorEventPlace>();
      for (const { dt, place: at, what } of steps) {
        t += dt;
        if (what === 'change') changes.set(t, at);
        const edit = what === 'change' ? p.change(at, t) : p.selection(at, what, t);
        if (edit === null) continue;
        const changed = changes.get(edit);
        assert.ok(changed, 'an edit is always a change that happened');
        assert.ok(inFrontOfLead(changed), 'in front of the lead');
        if (what !== 'change') assert.equal(what, 'keyboard');
        if (what !== 'change') assert.ok(inFrontOfLead(at) && at.document === changed.document && t - edit <= TYPING_PAIR_MS);
      }
    }), { numRuns: 500 });
  });
});
