/** The status-bar timer in the real VS Code: commands, quick pick, other windows, notes. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { openStores } from '../../src/store';
import { hasBridge, press, texts, waitFor } from './support/bridge';
import { leadDesk } from './support/extension';

describe('timer', () => {
  const statusBarText = async () => (await texts('.statusbar-item')).find((t) => /Technical|Managerial|Paused/.test(t)) ?? '';

  before(async () => {
    const api = await leadDesk();
    await api.stores;
    await vscode.commands.executeCommand('leadDesk.stopTimer');
  });

  it('starts technical time and shows it in the status bar', async () => {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.startTechnical');
    assert.match(api.timer.statusText, /^\$\(code\) Technical \d+m$/);
    assert.equal(api.timer.current?.mode, 'technical');
    if (hasBridge()) await waitFor('status bar shows Technical', async () => /Technical \d+m/.test(await statusBarText()));
  });

  it('switches to managerial, closing the technical entry', async () => {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.startManagerial');
    assert.match(api.timer.statusText, /^\$\(organization\) Managerial \d+m$/);
    const today = await api.timer.todayEntries();
    assert.ok(today.some((e) => e.mode === 'technical' && e.end !== null), 'technical entry closed');
    assert.equal(today.filter((e) => e.end === null).length, 1, 'exactly one running entry');
  });

  it('pauses', async () => {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.pauseTimer');
    assert.equal(api.timer.statusText, '$(debug-pause) Paused');
    assert.equal(api.timer.current, null);
    if (hasBridge()) await waitFor('status bar shows Paused', async () => (await statusBarText()).includes('Paused'));
  });

  it('offers the actions in the quick pick', async function () {
    if (!hasBridge()) this.skip();
    await vscode.commands.executeCommand('leadDesk.startTechnical');
    void vscode.commands.executeCommand('leadDesk.switchMode');
    const labels = await waitFor('quick pick rows', async () => {
      const rows = await texts('.quick-input-list .monaco-list-row');
      return rows.length >= 5 ? rows : undefined;
    });
    await press('Escape');
    for (const want of ['Technical', 'Managerial', 'Pause', 'Stop', 'Add note…', 'Show balance']) {
      assert.ok(labels.some((l) => l.includes(want)), `quick pick lacks "${want}": ${labels.join(' | ')}`);
    }
  });

  it('follows a mode switch made by another window within 2 seconds', async () => {
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.startTechnical');
    // Another window = another store instance on the same folder (its own memory, same files).
    const other = await openStores((await api.stores).dir);
    try {
      const started = Date.now();
      await other.time.switchTo('managerial', Date.now());
      await waitFor('status bar follows the other window', () => api.timer.statusText.includes('Managerial'), 2000);
      console.log(`      (followed in ${Date.now() - started} ms)`);
      assert.equal(api.timer.current?.mode, 'managerial');
    } finally {
      other.dispose();
    }
  });

  it('adds a note to the running entry', async function () {
    if (!hasBridge()) this.skip();
    const api = await leadDesk();
    await vscode.commands.executeCommand('leadDesk.startManagerial');
    const done = vscode.commands.executeCommand('leadDesk.addNote');
    await waitFor('note input', async () => (await texts('.quick-input-widget .input')).length > 0 || (await texts('.quick-input-title')).some((t) => t.includes('note')));
    await press('Control+a');
    await (await import('./support/bridge')).type('1:1 with Mira');
    await press('Enter');
    await done;
    assert.equal(api.timer.current?.note, '1:1 with Mira');
  });

  after(async () => {
    await vscode.commands.executeCommand('leadDesk.stopTimer');
  });
});
