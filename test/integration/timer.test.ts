/** The status-bar timer in the real VS Code: commands, quick pick, other windows, notes. */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { IdleSpan } from '../../src/core/idle';
import type { TimeEntry } from '../../src/core/timeEntry';
import type { Config } from '../../src/config';
import { inboxQueueSource } from '../../src/queue';
import { openStores } from '../../src/store';
import { click, hasBridge, press, quickInputTitled, screenshot, texts, type, waitFor } from './support/bridge';
import { leadDesk, setSetting } from './support/extension';
import { freshStart } from './support/freshStart';
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
    await freshStart();
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
      // The rows of a pick an earlier suite closed can linger in the DOM: wait for this pick's.
      return rows.length >= 5 && rows.some((r) => r.includes('Show balance')) ? rows : undefined;
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
    await quickInputTitled('note for this time entry');
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
      // The status bar shows today's total: a run just after midnight counts only today's part.
      const midnight = new Date(now).setHours(0, 0, 0, 0);
      const today = Math.round(minutesIn(entries, Math.max(from, midnight), now).technical);
      assert.match(api.timer.statusText, new RegExp(`Technical (${today}|${today + 1})m$`));
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

  describe('automatic mode (leadDesk.timer.autoMode)', function () {
    // Time is not compressed by a hook: autoMinutes is set to its minimum, 1, and the test edits
    // a real file for a real minute. The rules for longer periods are the same pure code
    // (core/autoMode.ts), unit and property tested with any autoMinutes.
    this.timeout(180_000);
    let file: vscode.Uri;

    /** Timer state as another window leaves it: `mode` running since `minutesAgo`, `note` on it. */
    async function runningSince(mode: 'technical' | 'managerial', minutesAgo: number, note?: string): Promise<TimeEntry> {
      const api = await leadDesk();
      await vscode.commands.executeCommand('leadDesk.stopTimer');
      const now = Date.now();
      const other = await openStores((await api.stores).dir);
      try {
        await other.time.replaceEntries({ from: now - minutesAgo * MINUTE, to: now }, []);
        const started = await other.time.start(mode, now - minutesAgo * MINUTE, note);
        await waitFor('this window follows', () => api.timer.current?.id === started.id);
        return api.timer.current!;
      } finally {
        other.dispose();
      }
    }

    before(async function () {
      if (!hasBridge()) this.skip();
      const folder = vscode.workspace.workspaceFolders![0]!.uri;
      file = vscode.Uri.joinPath(folder, 'src', 'auto-mode-scratch.ts');
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('export const scratch = 1;\n'));
      await setSetting('timer.autoMinutes', 1);
    });

    after(async () => {
      await setSetting('timer.autoMode', undefined);
      await setSetting('timer.autoMinutes', undefined);
      await vscode.commands.executeCommand('workbench.action.files.revert').then(undefined, () => undefined);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(file).then(undefined, () => undefined);
      await vscode.commands.executeCommand('leadDesk.stopTimer');
    });

    it('hears the Morning Review, the review queue, a checkout from it and a 1:1 as managerial signals', async () => {
      const api = await leadDesk();
      const seen: string[] = [];
      const sub = api.timer.onActivitySignal((signal) => seen.push(signal));
      try {
        const review = await vscode.commands.executeCommand<{ dispose(): void } | undefined>('leadDesk.startMorningReview');
        review?.dispose();
        await vscode.commands.executeCommand('leadDesk.openReviewQueue');
        api.panels().reviewQueue?.dispose();
        const config = { onDidChange: () => ({ dispose() {} }), get settings() { return api.settings(); } } as unknown as Config;
        const source = inboxQueueSource(config, api.inbox, (signal) => api.timer.reportActivity(signal));
        await source.checkOut('acme/not-in-this-workspace', 1); // not open here and unknown: nothing else happens
        source.dispose();
        const oneOnOne = await vscode.commands.executeCommand<{ dispose(): void } | undefined>('leadDesk.prepareOneOnOne', 'mira');
        oneOnOne?.dispose();
        assert.deepEqual(seen, ['morning-review', 'review-queue', 'checkout', 'one-on-one']);
      } finally {
        sub.dispose();
      }
    });

    it('"suggest": opening the review queue while Technical offers Managerial in the status bar, and a click accepts it', async () => {
      const api = await leadDesk();
      await setSetting('timer.autoMode', 'suggest');
      await runningSince('technical', 10);
      await vscode.commands.executeCommand('leadDesk.openReviewQueue');
      await waitFor('the suggestion in the status bar', async () => (await texts('.statusbar-item')).some((t) => t.includes('Managerial?')));
      assert.equal(api.timer.current?.mode, 'technical', 'a suggestion changes nothing by itself');
      assert.ok(await click('.statusbar-item:has-text("Managerial?")'));
      await waitFor('managerial after the click', () => api.timer.current?.mode === 'managerial');
      assert.equal(api.timer.current?.auto, undefined, 'accepted by the lead: not an automatic entry');
      await waitFor('the suggestion is gone', async () => !(await texts('.statusbar-item')).some((t) => t.includes('Managerial?')));
      api.panels().reviewQueue?.dispose();
    });

    it('"suggest": a suggestion goes when the timer stops, and accepting it then starts nothing', async () => {
      const api = await leadDesk();
      await setSetting('timer.autoMode', 'suggest');
      await runningSince('technical', 10);
      // The previous suggestion is the automatic change of its period (autoMinutes is 1): wait it out.
      const last = (await api.stores).time.lastAutoAt ?? 0;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, last + MINUTE + 1_000 - Date.now())));
      await vscode.commands.executeCommand('leadDesk.openReviewQueue');
      await waitFor('the suggestion', () => api.autoMode.currentOffer?.kind === 'suggestion');
      await vscode.commands.executeCommand('leadDesk.stopTimer');
      await waitFor('the suggestion is withdrawn', async () => api.autoMode.currentOffer === null && !(await texts('.statusbar-item')).some((t) => t.includes('Managerial?')));
      // What a click on a lingering item runs: automatic mode never starts a stopped timer.
      await vscode.commands.executeCommand('leadDesk.acceptModeSuggestion');
      assert.equal(api.timer.current, null, 'still stopped');
      api.panels().reviewQueue?.dispose();
    });

    it('"switch": a minute of edits to a workspace file while Managerial switches to Technical, and Undo restores the entry exactly', async () => {
      const api = await leadDesk();
      await setSetting('timer.autoMode', 'switch');
      const before = await runningSince('managerial', 10, '#hiring panel prep');
      const editor = await vscode.window.showTextDocument(file);
      const edits: number[] = [];
      const started = Date.now();
      // Real keystrokes in the editor, every ~20 s, for a little over autoMinutes (1 minute).
      for (let i = 0; Date.now() - started < 62_000; i++) {
        if (i > 0) await new Promise((r) => setTimeout(r, Math.min(20_000, 62_000 - (Date.now() - started))));
        const length = editor.document.getText().length;
        await type(`// ${i}\n`);
        await waitFor('the keystrokes reach the document', () => editor.document.getText().length > length);
        edits.push(Date.now() - started);
        if (Date.now() - started < 59_000) assert.equal(api.timer.current?.id, before.id, `no switch before a minute of edits (at ${edits.at(-1)} ms)`);
      }
      await waitFor('technical, started automatically', () => api.timer.current?.mode === 'technical');
      const auto = api.timer.current!;
      assert.equal(auto.auto, 'edits');
      await waitFor('the Undo in the status bar', async () => (await texts('.statusbar-item')).some((t) => t.includes('Undo switch to Technical')));
      await screenshot('auto-mode-undo');
      // The entry as it was at the switch (its heartbeat moved on while the lead typed).
      const offer = api.autoMode.currentOffer;
      assert.equal(offer?.kind, 'undo');
      const previous = offer.kind === 'undo' ? offer.undo.previous! : before;
      assert.deepEqual({ ...previous, heartbeat: 0 }, { ...before, heartbeat: 0 });
      const store = await openStores((await api.stores).dir);
      try {
        const during = await store.time.entriesBetween(before.start, Date.now() + 1);
        assert.deepEqual(during.map((e) => [e.id, e.mode, e.auto ?? null]), [[before.id, 'managerial', null], [auto.id, 'technical', 'edits']]);
      } finally {
        store.dispose();
      }

      assert.ok(await click('.statusbar-item:has-text("Undo switch")'));
      await waitFor('the managerial entry runs again', () => api.timer.current?.id === before.id);
      assert.deepEqual(api.timer.current, previous, 'the very entry, every field as at the switch');
      const check = await openStores((await api.stores).dir);
      try {
        const after = await check.time.entriesBetween(before.start, Date.now() + 1);
        assert.deepEqual(after, [previous], 'the automatic entry is gone and nothing else changed');
      } finally {
        check.dispose();
      }
      await waitFor('the Undo is gone', async () => !(await texts('.statusbar-item')).some((t) => t.includes('Undo switch')));

      // At most one automatic change per autoMinutes: more edits right away change nothing.
      await vscode.window.showTextDocument(editor.document); // the click on the status bar took the focus
      const length = editor.document.getText().length;
      await type('// more\n');
      await waitFor('the keystrokes reach the document', () => editor.document.getText().length > length);
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(api.timer.current?.id, before.id);
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
