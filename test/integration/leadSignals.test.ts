/**
 * Only the lead's own signals count (core/leadActivity.ts), in the real VS Code: an edit applied
 * by code — an AI agent's or another extension's WorkspaceEdit — neither moves automatic mode
 * toward Technical nor shows the lead as present to idle detection; real keystrokes in the active
 * editor do; and automatic mode never starts a stopped timer.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimeEntry } from '../../src/core/timeEntry';
import { openStores } from '../../src/store';
import { hasBridge, type, waitFor } from './support/bridge';
import { leadDesk, setSetting } from './support/extension';

const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('lead signals (automatic mode and idle count only the lead)', function () {
  this.timeout(180_000);
  let active: vscode.Uri;
  let other: vscode.Uri;

  /** `mode` running since `minutesAgo`, started as another window would (not a switch in this one). */
  async function runningSince(mode: 'technical' | 'managerial', minutesAgo: number): Promise<TimeEntry> {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.stopTimer');
    const now = Date.now();
    const stores = await openStores((await api.stores).dir);
    try {
      await stores.time.replaceEntries({ from: now - minutesAgo * MINUTE, to: now }, []);
      const started = await stores.time.start(mode, now - minutesAgo * MINUTE);
      await waitFor('this window follows', () => api.timer.current?.id === started.id);
      return api.timer.current!;
    } finally {
      stores.dispose();
    }
  }

  /** What an agent does: insert text through a WorkspaceEdit, no keyboard involved. */
  async function agentEdit(uri: vscode.Uri, text: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), text);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the edit applies');
  }

  before(async function () {
    if (!hasBridge()) this.skip();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    active = vscode.Uri.joinPath(folder, 'src', 'lead-signals-active.ts');
    other = vscode.Uri.joinPath(folder, 'src', 'lead-signals-other.ts');
    for (const uri of [active, other]) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('export const scratch = 1;\n'));
    await setSetting('timer.autoMinutes', 1);
    await setSetting('timer.autoMode', 'switch');
  });

  after(async () => {
    await setSetting('timer.autoMode', undefined);
    await setSetting('timer.autoMinutes', undefined);
    for (const uri of [active, other]) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      if (doc?.isDirty) {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
      }
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [active, other]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    await vscode.commands.executeCommand('leadDesk.stopTimer');
  });

  it('a WorkspaceEdit applied by code, in the active editor or elsewhere, neither counts toward Technical nor resets idle; the lead\'s keystrokes do', async () => {
    const api = await leadDesk();
    await runningSince('managerial', 10);
    const editor = await vscode.window.showTextDocument(active);
    await waitFor('the window has the focus (as the lead\'s would)', () => vscode.window.state.focused);
    await sleep(1_500); // past any pairing with earlier keystrokes
    const seenBefore = api.timer.lastActivityAt;
    assert.equal(api.autoMode.editStreak, null);

    for (let i = 0; i < 3; i++) {
      await agentEdit(active, `// agent ${i}\n`);
      await agentEdit(other, `// agent ${i}\n`);
      await sleep(300);
    }
    assert.ok(editor.document.getText().includes('// agent 2'), 'the agent\'s edits reached the active editor');
    assert.equal(vscode.window.activeTextEditor?.document, editor.document, 'still the active editor');
    await sleep(1_500);
    assert.equal(api.autoMode.editStreak, null, 'no streak of edits toward Technical');
    assert.equal(api.timer.lastActivityAt, seenBefore, 'idle detection did not see the lead');

    const length = editor.document.getText().length;
    await type('// lead\n');
    await waitFor('the keystrokes reach the document', () => editor.document.getText().length > length);
    await waitFor('the lead\'s typing starts a streak', () => api.autoMode.editStreak !== null);
    assert.ok(api.timer.lastActivityAt > seenBefore, 'and shows the lead is here');
  });

  it('an agent editing the active file for longer than autoMinutes does not switch Managerial to Technical', async () => {
    const api = await leadDesk();
    const before = await runningSince('managerial', 10);
    await vscode.window.showTextDocument(active);
    const started = Date.now();
    for (let i = 0; Date.now() - started < 65_000; i++) {
      await agentEdit(active, `// agent edit ${i}\n`);
      await sleep(10_000);
    }
    await sleep(1_500);
    assert.equal(api.timer.current?.id, before.id, 'the managerial entry still runs');
    assert.equal(api.autoMode.currentOffer, null, 'nothing offered either');
  });

  it('a stopped timer stays stopped while the lead types for longer than autoMinutes', async () => {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.stopTimer');
    await waitFor('stopped', () => api.timer.current === null);
    const editor = await vscode.window.showTextDocument(active);
    const started = Date.now();
    for (let i = 0; Date.now() - started < 65_000; i++) {
      const length = editor.document.getText().length;
      await type(`// ${i}\n`);
      await waitFor('the keystrokes reach the document', () => editor.document.getText().length > length);
      await sleep(10_000);
    }
    await sleep(1_500);
    assert.equal(api.timer.current, null, 'still stopped: automatic mode only switches between modes');
    assert.equal(api.autoMode.currentOffer, null, 'and suggests no start');
  });
});
