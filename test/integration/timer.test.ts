/** The status-bar timer in the real VS Code: commands, quick pick, other windows, notes. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IdleSpan } from '../../src/core/idle';
import type { TimeEntry } from '../../src/core/timeEntry';
import { openStores } from '../../src/store';
import { click, hasBridge, press, texts, waitFor } from './support/bridge';
import { leadDesk, setSetting } from './support/extension';
import { demoScenario, startFakeGitHub, type FakeGitHub } from '../fake-github';

const MINUTE = 60_000;

/** Minutes per mode in `[from, to)`, as the balance counts them (running entries up to `to`). */
function minutesIn(entries: readonly TimeEntry[], from: number, to: number): { technical: number; managerial: number } {
  const totals = { technical: 0, managerial: 0 };
  for (const e of entries) totals[e.mode] += Math.max(0, Math.min(e.end ?? to, to) - Math.max(e.start, from));
  return { technical: totals.technical / MINUTE, managerial: totals.managerial / MINUTE };
}

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

  describe('back from time away (idle or sleep)', () => {
    /**
     * Technical time that started 30 minutes ago (written as another window would), then the
     * lead comes back from a 15-minute span away and answers the real notification.
     */
    async function awayAndAnswer(answer: string): Promise<{ from: number; now: number; entries: TimeEntry[] }> {
      const api = await leadDesk();
      await vscode.commands.executeCommand('leadDesk.stopTimer');
      await vscode.commands.executeCommand('notifications.clearAll');
      const now = Date.now();
      const from = now - 30 * MINUTE;
      const other = await openStores((await api.stores).dir);
      try {
        await other.time.replaceEntries({ from, to: now }, []); // earlier tests' seconds, out of the way
        await other.time.start('technical', from);
      } finally {
        other.dispose();
      }
      await waitFor('the timer follows the back-dated entry', () => api.timer.current?.start === from);
      const span: IdleSpan = { start: now - 20 * MINUTE, end: now - 5 * MINUTE, reason: 'idle' };
      // Stands in for the idle detector's "back" after idleMinutes: the rest is the real path.
      const done = api.timer.onBackFromAway(span);
      // Toasts can be queued or hidden; the notification centre lists every notification.
      await waitFor('the question', async () => {
        await vscode.commands.executeCommand('notifications.showList');
        return (await texts('.notification-list-item-message')).some((t) => t.includes('You were away for 15m while the technical timer ran'));
      });
      await waitFor(`the "${answer}" button`, () => click(`.notification-list-item .monaco-button:has-text("${answer}")`));
      await done;
      await vscode.commands.executeCommand('notifications.hideList');
      const check = await openStores((await api.stores).dir);
      try {
        return { from, now, entries: await check.time.entriesBetween(from, Date.now()) };
      } finally {
        check.dispose();
      }
    }

    it('"Drop it" removes the minutes away from the stored time and the status bar', async function () {
      if (!hasBridge()) this.skip();
      const api = await leadDesk();
      const { from, now, entries } = await awayAndAnswer('Drop it');
      const counted = minutesIn(entries, from, now);
      assert.ok(Math.abs(counted.technical - 15) < 0.1, `technical ${counted.technical} min, want 15 (30 minus 15 away)`);
      assert.equal(counted.managerial, 0);
      assert.equal(api.timer.current?.mode, 'technical', 'the timer runs on after the span');
      assert.equal(api.timer.current?.start, now - 5 * MINUTE);
      assert.match(api.timer.statusText, /Technical 1[56]m$/);
    });

    it('"Count as managerial" moves the minutes away to the other mode', async function () {
      if (!hasBridge()) this.skip();
      const api = await leadDesk();
      const { from, now, entries } = await awayAndAnswer('Count as managerial');
      const counted = minutesIn(entries, from, now);
      assert.ok(Math.abs(counted.technical - 15) < 0.1, `technical ${counted.technical} min, want 15`);
      assert.ok(Math.abs(counted.managerial - 15) < 0.1, `managerial ${counted.managerial} min, want 15`);
      assert.equal(api.timer.current?.mode, 'technical');
      assert.equal(new Set(entries.map((e) => e.id)).size, entries.length, 'ids stay unique');
    });
  });

  describe('heads-down GitHub status', () => {
    let fake: FakeGitHub | undefined;
    // Signed in to the fake, with no repositories: the status needs no tree refresh, and these
    // tests leave the work tree's data alone for the tests that follow.
    before(async () => {
      fake = await startFakeGitHub(demoScenario(new Date()));
      const api = await leadDesk();
      await setSetting('github.apiUrl', fake.url);
      await api.github.auth.adoptEnvironmentToken(fake.token);
      await setSetting('timer.githubStatus', true);
    });
    after(async () => {
      await vscode.commands.executeCommand('leadDesk.stopTimer');
      await setSetting('timer.githubStatus', undefined);
      await (await leadDesk()).github.auth.signOut();
      await fake?.close();
      await setSetting('github.apiUrl', undefined);
    });

    it('set by another window, is cleared when this window pauses', async () => {
      const api = await leadDesk();
      await vscode.commands.executeCommand('leadDesk.stopTimer');
      const other = await openStores((await api.stores).dir);
      try {
        // The other window switched to Technical and set the status; this one never did.
        await other.time.switchTo('technical', Date.now());
        const until = Date.now() + 90 * MINUTE;
        fake!.scenario.userStatus = { message: 'Heads-down coding until 23:59', emoji: ':technologist:', indicatesLimitedAvailability: true, expiresAt: new Date(until).toISOString() };
        await other.time.markHeadsDown(until);
      } finally {
        other.dispose();
      }
      await waitFor('this window follows', () => api.timer.current?.mode === 'technical');
      await vscode.commands.executeCommand('leadDesk.pauseTimer');
      await waitFor('status cleared by this window', () => fake!.scenario.userStatus === null, 5000);
    });

    it('is set on Technical and cleared when another window pauses the timer', async () => {
      const api = await leadDesk();
      await vscode.commands.executeCommand('leadDesk.stopTimer');
      await vscode.commands.executeCommand('leadDesk.startTechnical');
      await waitFor('heads-down status on GitHub', () => /^Heads-down coding until \d\d:\d\d$/.test(fake!.scenario.userStatus?.message ?? ''));
      const other = await openStores((await api.stores).dir);
      try {
        await other.time.pause(Date.now());
        await waitFor('status cleared after the other window paused', () => fake!.scenario.userStatus === null, 5000);
      } finally {
        other.dispose();
      }
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('leadDesk.stopTimer');
  });
});
