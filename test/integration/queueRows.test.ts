/**
 * The Code Review Queue patches the rows that changed: after a snooze (and its undo) the other
 * rows are the same DOM nodes, in the real VS Code's webview.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { demoScenario, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { QueueRenderTiming } from '../../src/queue/panel';
import { evaluate, frames, hasBridge, waitFor } from './support/bridge';
import { connectToFake, disconnect } from './support/github';

/** Runs `expression` in the queue's own document (the one frame with the review table). */
async function inQueue<T>(expression: string): Promise<T> {
  const probe = `(() => { if (!document.querySelector('#reviews tbody')) return null; return ${expression}; })()`;
  const candidates = (await frames()).map((f) => f.url).filter((url) => url !== '' && url !== 'about:blank');
  // A frame's URL may contain another's: the same frame can answer twice, by its URL.
  const answers = new Map((await Promise.all(candidates.map((url) => evaluate<T | null>(probe, url)))).flat().filter((f) => f.value !== null).map((f) => [f.url, f.value as T]));
  assert.equal(answers.size, 1, `one queue frame (found ${answers.size})`);
  return [...answers.values()][0]!;
}

/** Every row's key, and whether its node carries the mark put on the nodes shown before. */
interface RowNodes {
  readonly marked: string[];
  readonly fresh: string[];
}
const MARK = `Array.from(document.querySelectorAll('#reviews tbody tr')).forEach((tr) => tr.setAttribute('data-test-seen', '')), true`;
const ROWS = `(() => {
  const rows = Array.from(document.querySelectorAll('#reviews tbody tr'));
  const key = (tr) => tr.dataset.repo + '#' + tr.dataset.number;
  return { marked: rows.filter((tr) => tr.hasAttribute('data-test-seen')).map(key), fresh: rows.filter((tr) => !tr.hasAttribute('data-test-seen')).map(key) };
})()`;

describe('review queue rows', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;

  before(async function () {
    if (!hasBridge()) this.skip();
    ({ api, fake } = await connectToFake({ scenario: demoScenario(new Date()) }));
    await api.stores;
    await vscode.commands.executeCommand('leadDesk.refresh');
    for (const r of api.work.model.snapshot.reviews.filter((x) => x.snoozedUntil)) await api.work.model.snooze(r.repo, r.number, 0);
    await vscode.commands.executeCommand('leadDesk.openReviewQueue');
    // The demo's pending reviews (8): enough to see which nodes stay.
    await waitFor('the queue rows', async () => (await inQueue<RowNodes>(ROWS)).fresh.length >= 5);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await disconnect(fake);
  });

  /** Waits for the webview's report of the render that `act` starts. */
  async function renderOf(act: () => Promise<unknown>): Promise<QueueRenderTiming> {
    const panel = api.panels().reviewQueue!;
    const rendered = new Promise<QueueRenderTiming>((resolve) => { const d = panel.onDidRender((r) => { d.dispose(); resolve(r); }); });
    await act();
    return rendered;
  }

  it('keeps every other row\'s node when one review is snoozed, and builds one when it comes back', async () => {
    const before = await inQueue<RowNodes>(ROWS);
    assert.ok(await inQueue<boolean>(MARK));
    const all = before.fresh;
    const target = api.work.model.snapshot.reviews.find((r) => all.includes(`${r.repo}#${r.number}`) && all.indexOf(`${r.repo}#${r.number}`) > 0)!;
    const key = `${target.repo}#${target.number}`;
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;

    // Through the webview's own message, as the Snooze… dialog sends it.
    const snoozed = await renderOf(() => api.panels().reviewQueue!.receive({ type: 'snooze', repo: target.repo, number: target.number, until: day }));
    assert.deepEqual({ built: snoozed.built, rows: snoozed.rows }, { built: 0, rows: all.length - 1 });
    const after = await inQueue<RowNodes>(ROWS);
    assert.deepEqual(after.fresh, [], 'no row was redrawn');
    assert.deepEqual(after.marked, all.filter((k) => k !== key), 'the same nodes, in the same order, without the snoozed one');

    const back = await renderOf(() => api.work.model.snooze(target.repo, target.number, 0));
    assert.deepEqual({ built: back.built, rows: back.rows }, { built: 1, rows: all.length });
    const restored = await inQueue<RowNodes>(ROWS);
    assert.deepEqual(restored.fresh, [key], 'only the returning row is new');
    assert.deepEqual(restored.marked, all.filter((k) => k !== key));
  });

  it('moves the rows it keeps when the sort changes, and redraws none', async () => {
    assert.ok(await inQueue<boolean>(MARK));
    const before = await inQueue<RowNodes>(ROWS);
    const sorted = await renderOf(() => inQueue<boolean>(`(document.querySelector('th[data-sort="author"] button').click(), true)`));
    assert.equal(sorted.built, 0);
    const after = await inQueue<RowNodes>(ROWS);
    assert.deepEqual(after.fresh, []);
    assert.deepEqual([...after.marked].sort(), [...before.marked].sort());
    assert.notDeepEqual(after.marked, before.marked, 'the order changed');
  });
});
