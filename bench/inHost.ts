/*
 * Benchmarks that need the real VS Code: run as an extension-tests entry (`run()`) inside the
 * extension host by test/harness/driver.mjs; bench/run-all.mjs starts it. Measures:
 *   - the tree build with 500 pending reviews (WorkTree.lastBuildMs) and host responsiveness;
 *   - the Code Review Queue's first paint with 500 PRs (the webview's own render report), every
 *     row in, a re-render after a settings change, and one row changed (a snooze and its undo);
 *   - how fast the status bar follows a mode switch made by another window (another store);
 *   - timer wake-ups while idle (TimerController.ticks), and GitHub requests meanwhile;
 *   - activation: the first real one, then 20 fresh copies of dist/extension.js activated.
 * Every part is independent: one that fails records `{ error }` and the rest still run.
 * Results go to $LEAD_DESK_BENCH_OUT (JSON) and to the console as `BENCH-JSON {…}`.
 * $LEAD_DESK_BENCH_IDLE_SECONDS sets the idle wait (run-all: 61, or 130 with --long).
 * $LEAD_DESK_BENCH_PARTS runs only the named parts (e.g. `queueFirstPaint`; `connect` always runs).
 */
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import type { LeadDeskApi } from '../src/extension';
import type { WorkNode } from '../src/work/nodes';
import { ReviewQueuePanel, type QueueRenderTiming } from '../src/queue/panel';
import { showPanel } from '../src/webview/registerPanel';
import type { ReviewQueueSource } from '../src/queue/source';
import { openStores } from '../src/store';
import { bigScenario, startFakeGitHub, type FakeGitHub } from '../test/fake-github';

const EXTENSION_ID = 'lead-desk.lead-desk';
const REPOS = 10;
const PULLS = 500;
const TREE_SAMPLES = 20;
const QUEUE_SAMPLES = 5;
const FOLLOW_SAMPLES = 10;
const ACTIVATIONS = 20;

type Results = Record<string, unknown>;
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function stats(samples: number[]): { n: number; min: number; median: number; p90: number; max: number; mean: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  return { n: s.length, min: round(s[0] ?? NaN), median: round(median ?? NaN), p90: round(at(0.9)), max: round(s[s.length - 1] ?? NaN), mean: round(s.reduce((a, b) => a + b, 0) / (s.length || 1)) };
}

async function waitUntil<T>(what: string, probe: () => T | undefined | null | false, ms: number, every = 5): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const v = probe();
    if (v) return v;
    if (performance.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(every);
  }
}

async function setting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('leadDesk').update(key, value, vscode.ConfigurationTarget.Global);
}

/** $LEAD_DESK_BENCH_PARTS (run-all's --host-parts): the parts to run, comma-separated; unset runs them all. */
const onlyParts = process.env.LEAD_DESK_BENCH_PARTS?.split(',').map((s) => s.trim()).filter(Boolean);

/** Runs one benchmark; an exception becomes `{ error }` so the others still run. */
async function part(results: Results, name: string, fn: () => Promise<unknown>): Promise<void> {
  if (onlyParts && name !== 'connect' && !onlyParts.includes(name)) return;
  const started = performance.now();
  console.log(`bench: ${name}…`);
  try {
    results[name] = await fn();
  } catch (e) {
    results[name] = { error: e instanceof Error ? e.message : String(e) };
    console.log(`bench: ${name} failed: ${e instanceof Error ? e.stack : String(e)}`);
  }
  console.log(`bench: ${name} done in ${round((performance.now() - started) / 1000, 1)} s`);
}

/**
 * Signs the real extension in to a fake GitHub with `PULLS` PRs and waits until the work model
 * holds them all and no request has gone out for 3 s (a refresh queued behind the first one must
 * not run during the measurements). Signing in starts a refresh by itself; one is only asked for
 * if none starts.
 */
async function connect(api: LeadDeskApi): Promise<{ fake: FakeGitHub; loadedMs: number; settledMs: number; requests: number; notModified: number }> {
  const fake = await startFakeGitHub(bigScenario({ repos: REPOS, pulls: PULLS }));
  await setting('github.apiUrl', fake.url);
  await setting('github.repositories', fake.scenario.repos.map((r) => `${r.owner}/${r.name}`));
  fake.resetStats();
  const started = performance.now();
  await api.github.auth.adoptEnvironmentToken(fake.token);
  let sawRefresh = false;
  let asked = false;
  await waitUntil(`the work model to load ${PULLS} PRs`, () => {
    const s = api.work.model.snapshot;
    sawRefresh ||= s.refreshing;
    if (!sawRefresh && !asked && performance.now() - started > 3000) {
      asked = true;
      void api.work.model.refresh();
    }
    if (s.failure && !s.refreshing) throw new Error(`the refresh failed: ${s.failure.message}`);
    return s.signedIn && !s.refreshing && s.reviews.length >= PULLS;
  }, 180_000, 20);
  const loadedMs = performance.now() - started;
  for (let quiet = 0; quiet < 3 && performance.now() - started < 180_000;) {
    const before = fake.requests.length;
    await sleep(1000);
    quiet = fake.requests.length === before && !api.work.model.snapshot.refreshing ? quiet + 1 : 0;
  }
  const settledMs = performance.now() - started - 3000;
  const s = fake.stats();
  return { fake, loadedMs: round(loadedMs, 0), settledMs: round(settledMs, 0), requests: s.requests, notModified: s.notModified };
}

/** The tree with 500 reviews: build time, and whether the host stays responsive meanwhile. */
async function treeBuild(api: LeadDeskApi): Promise<unknown> {
  await vscode.commands.executeCommand('workbench.view.extension.leadDesk');
  await sleep(1500);
  const tree = api.work.tree;
  const snapshot = api.work.model.snapshot;
  // Reviews are grouped by inbox state: the biggest state holds most of the 500.
  const reviewsGroup = () => tree.rootNodes.find((n) => n.id === 'group:reviews')?.children.reduce<WorkNode | undefined>((a, b) => (!a || b.children.length > a.children.length ? b : a), undefined);
  // When VS Code asks for the 500 children after a rebuild (the view is visible and expanded).
  let builtAt = 0;
  const servedAfter: number[] = [];
  const original = tree.getChildren.bind(tree);
  tree.getChildren = (node) => {
    if (node && node === reviewsGroup() && builtAt) {
      servedAfter.push(performance.now() - builtAt);
      builtAt = 0;
    }
    return original(node);
  };
  const buildMs: number[] = [];
  const wallMs: number[] = [];
  const timeoutLatency: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  try {
    for (let i = 0; i < TREE_SAMPLES; i++) {
      const probeAt = performance.now();
      const probe = new Promise<number>((r) => setTimeout(() => r(performance.now() - probeAt), 0));
      const t = performance.now();
      tree.rebuild(snapshot);
      builtAt = performance.now();
      wallMs.push(builtAt - t);
      buildMs.push(tree.lastBuildMs);
      timeoutLatency.push(await probe);
      await sleep(250);
    }
  } finally {
    loop.disable();
    tree.getChildren = original;
  }
  const reviewCount = tree.rootNodes.find((n) => n.id === 'group:reviews')?.children.reduce((sum, state) => sum + state.children.length, 0) ?? 0;
  const oneItem = await oneItemChanged(api);
  const buildMedian = stats(buildMs).median;
  const changeMedians = Object.values(oneItem).map((c) => c.updateMs.median);
  return {
    items: reviewCount,
    lastBuildMs: stats(buildMs),
    rebuildCallMs: stats(wallMs),
    setTimeout0LatencyMs: stats(timeoutLatency),
    childrenRequestedAfterMs: servedAfter.length ? stats(servedAfter) : null,
    eventLoopDelayMs: { p50: round(loop.percentile(50) / 1e6), p99: round(loop.percentile(99) / 1e6), max: round(loop.max / 1e6) },
    oneItemChanged: oneItem,
    goal: 'median build <= 15 ms; one item changed (snooze, nudge, merge) <= 2 ms, firing only the nodes that changed',
    pass: buildMedian <= 15 && changeMedians.every((m) => m <= 2) && Object.values(oneItem).every((c) => c.onlyThatPart),
  };
}

const ONE_ITEM_SAMPLES = 10;
const OWN_PULLS = 40;

/**
 * One item changed in a tree of 500 reviews (plus 40 PRs of the lead's): a snooze (the model's own
 * `snooze`), a nudge (a real one recorded in the nudge log, which the tree follows), a merge (the
 * model's `forgetOwnPullRequest`, as after Merge…). Each is measured from the change to the nodes
 * fired (`WorkTree.lastUpdateMs`), and says which nodes were fired: only the item and the counts
 * above it, never the whole tree (`undefined`).
 */
async function oneItemChanged(api: LeadDeskApi): Promise<Record<'snooze' | 'nudge' | 'merge', { updateMs: ReturnType<typeof stats>; firedNodes: ReturnType<typeof stats>; fired: string[]; onlyThatPart: boolean }>> {
  const tree = api.work.tree;
  const model = api.work.model;
  const real = model.snapshot;
  // The lead's own PRs, which the big scenario has none of: the model shows them (its `snapshot`
  // read through an override), so the tree's updates from the model and the nudge log see them.
  const at = Date.now();
  let shown = {
    ...real, ownPullRequests: Array.from({ length: OWN_PULLS }, (_, i) => ({
      repo: 'bigco/service-001', number: 10_000 + i, title: `Own change ${i}`, url: `${real.reviews[0]?.url ?? 'https://github.com/bigco/service-001/pull/1'}`, createdAt: at - (i + 30) * 3_600_000,
      draft: false, waitingOn: ['dev01'], reviewDecision: i % 2 ? 'APPROVED' as const : 'REVIEW_REQUIRED' as const, reviews: [], waitingSince: at - (i + 30) * 3_600_000,
    })),
  };
  Object.defineProperty(model, 'snapshot', { configurable: true, get: () => shown });
  const fire = (next: typeof shown) => { shown = next; (model as unknown as { changed: vscode.EventEmitter<unknown> }).changed.fire(next); };
  const measure = async (change: (i: number) => Promise<void> | void, settled: () => boolean) => {
    const updateMs: number[] = [];
    const firedNodes: number[] = [];
    const fired = new Set<string>();
    for (let i = 0; i < ONE_ITEM_SAMPLES; i++) {
      tree.lastUpdateMs = -1;
      await change(i);
      await waitUntil('the tree to update', () => tree.lastUpdateMs >= 0 && settled(), 10_000);
      updateMs.push(tree.lastUpdateMs);
      firedNodes.push(tree.lastFired?.length ?? Infinity);
      for (const n of tree.lastFired ?? [{ id: '(the whole tree)' }]) fired.add(String(n.id));
      await sleep(100);
    }
    const list = [...fired];
    return { updateMs: stats(updateMs), firedNodes: stats(firedNodes), fired: list, onlyThatPart: !list.includes('(the whole tree)') && Math.max(...firedNodes) <= 4 };
  };
  try {
    fire(shown);
    const target = shown.reviews.find((r) => !r.draft)!;
    const snooze = await measure((i) => fire({ ...shown, reviews: shown.reviews.map((r) => (r.number === target.number && r.repo === target.repo ? { ...r, snoozedUntil: i % 2 ? undefined : Date.now() + 3_600_000 } : r)) }), () => true);
    const nudgeable = shown.ownPullRequests.filter((p) => p.reviewDecision === 'REVIEW_REQUIRED');
    let recorded = 0;
    const nudge = await measure(async (i) => {
      const pr = nudgeable[i % nudgeable.length]!;
      const saved = await api.work.nudges.recordAll([{ at: Date.now(), who: 'dev01', repo: pr.repo, number: pr.number, url: `${pr.url}#nudge-${i}`, kind: 'own-pr' }]);
      if (saved.some((r) => r.status === 'rejected')) throw new Error('the nudge was not recorded');
      recorded++;
    }, () => recorded > 0);
    const merge = await measure((i) => fire({ ...shown, ownPullRequests: shown.ownPullRequests.filter((p) => p.number !== 10_000 + 1 + 2 * i) }), () => true);
    return { snooze, nudge, merge };
  } finally {
    delete (model as unknown as Record<string, unknown>).snapshot;
    tree.rebuild(real);
  }
}

type QueuePanelLike = { readonly lastRender: QueueRenderTiming | undefined; readonly onDidRender: vscode.Event<QueueRenderTiming> };

/** Opens a queue `times` times (closing it in between) and records the webview's first render of each. */
async function measureOpens(times: number, open: () => Promise<QueuePanelLike>, close: () => Promise<void>): Promise<{ paints: number[]; work: number[]; allRows: number[]; openToPaint: number[]; rows: number; last: QueuePanelLike }> {
  const paints: number[] = [];
  const work: number[] = [];
  const allRows: number[] = [];
  const openToPaint: number[] = [];
  let rows = 0;
  let last: QueuePanelLike | undefined;
  for (let i = 0; i < times; i++) {
    if (i > 0) await close();
    await sleep(300);
    const t = performance.now();
    const panel = await open();
    const r = panel.lastRender ?? await new Promise<QueueRenderTiming>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the queue webview did not report a render within 30 s')), 30_000);
      const d = panel.onDidRender((x) => { clearTimeout(timer); d.dispose(); resolve(x); });
    });
    openToPaint.push(performance.now() - t);
    paints.push(r.ms);
    work.push(r.workMs);
    allRows.push(r.allMs);
    rows = r.rows;
    last = panel;
  }
  return { paints, work, allRows, openToPaint, rows, last: last! };
}

/** Re-renders of an open queue with all rows, each started by `poke`. */
async function measureUpdates(panel: QueuePanelLike, poke: (i: number) => Promise<void>, times = 5, built?: number[], work?: number[]): Promise<number[]> {
  const updates: number[] = [];
  for (let i = 0; i < times; i++) {
    const next = new Promise<QueueRenderTiming>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no re-render within 30 s')), 30_000);
      const d = panel.onDidRender((x) => { clearTimeout(timer); d.dispose(); resolve(x); });
    });
    await poke(i);
    const r = await next;
    updates.push(r.ms);
    built?.push(r.built);
    work?.push(r.workMs);
    await sleep(300);
  }
  return updates;
}

/**
 * The queue's first paint, as the webview reports it (`rendered`: from the data message to the
 * first frame painted with the table). Through `leadDesk.openReviewQueue` and `api.panels()`
 * when the extension has them; otherwise with a panel of the bench's own (same code and bundle).
 */
async function queuePaint(api: LeadDeskApi, fake: FakeGitHub, extensionUri: vscode.Uri): Promise<unknown> {
  const panels = (api as unknown as { panels?: () => { reviewQueue?: QueuePanelLike } }).panels;
  const isQueueTab = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && t.label === 'Code Review Queue';
  const queueTabOpen = () => vscode.window.tabGroups.all.some((g) => g.tabs.some(isQueueTab));
  const closeAll = async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await waitUntil('the queue to close', () => !queueTabOpen() && !panels?.().reviewQueue, 5000, 20);
  };
  const out: Results = {};
  await closeAll();

  let opens: Awaited<ReturnType<typeof measureOpens>>;
  let updates: number[];
  let oneRow: number[] | undefined;
  let oneRowWork: number[] | undefined;
  if (panels) {
    out.via = 'leadDesk.openReviewQueue, render report read through api.panels().reviewQueue';
    opens = await measureOpens(QUEUE_SAMPLES, async () => {
      await vscode.commands.executeCommand('leadDesk.openReviewQueue');
      return waitUntil('api.panels().reviewQueue', () => panels().reviewQueue, 10_000, 2);
    }, closeAll);
    // A settings change makes the queue rebuild and re-send its data: a re-render of every row.
    const sla = api.settings().slaHours;
    updates = await measureUpdates(opens.last, (i) => setting('reviews.slaHours', i % 2 === 0 ? sla + 1 : sla));
    await setting('reviews.slaHours', undefined);
    // One row changed: a review snoozed (its row leaves the table), then back (its row returns).
    const model = api.work.model;
    const targets = model.snapshot.reviews.filter((r) => !r.snoozedUntil).slice(0, 5);
    const built: number[] = [];
    oneRowWork = [];
    const tomorrow = Date.now() + 86_400_000;
    oneRow = await measureUpdates(opens.last, (i) => {
      const r = targets[Math.floor(i / 2)]!;
      return model.snooze(r.repo, r.number, i % 2 === 0 ? tomorrow : 0);
    }, 2 * targets.length, built, oneRowWork);
    out.oneRowBuilt = built;
  } else {
    await vscode.commands.executeCommand('leadDesk.openReviewQueue');
    out.commandOpensPanel = await waitUntil('the queue tab', queueTabOpen, 3000).then(() => true, () => false);
    out.note = out.commandOpensPanel
      ? 'LeadDeskApi has no panels(): measured with the bench\'s own ReviewQueuePanel (same code, same webview bundle)'
      : 'leadDesk.openReviewQueue did not open the queue: measured with the bench\'s own ReviewQueuePanel (same code, same webview bundle)';
    await closeAll();
    const changed = new vscode.EventEmitter<void>();
    const source: ReviewQueueSource = {
      snapshot: () => {
        const s = api.work.model.snapshot;
        return { decisions: api.work.model.decisions.decide(s), asOf: s.asOf, notice: null, slaHours: api.settings().slaHours };
      },
      onDidChange: changed.event,
      snooze: async () => undefined,
      checkOut: async () => undefined,
      webHost: () => new URL(fake.url).host,
    };
    let current: ReviewQueuePanel | undefined;
    opens = await measureOpens(QUEUE_SAMPLES, async () => (current = showPanel(extensionUri, ReviewQueuePanel.descriptor(source))), async () => current?.dispose());
    updates = await measureUpdates(opens.last, async () => changed.fire());
    current?.dispose();
    changed.dispose();
  }
  await closeAll();
  out.rows = opens.rows;
  out.firstPaintMs = { first: opens.paints[0], ...stats(opens.paints) };
  out.openToPaintMs = { first: round(opens.openToPaint[0], 0), ...stats(opens.openToPaint) };
  // The work in each figure: the message's handling and the painted frame's rendering, not the wait for the display's next frame.
  out.firstPaintWorkMs = stats(opens.work);
  out.allRowsMs = stats(opens.allRows);
  out.rerenderMs = stats(updates);
  if (oneRow) out.oneRowChangedMs = stats(oneRow);
  if (oneRowWork) out.oneRowChangedWorkMs = stats(oneRowWork);
  out.goal = 'median first paint <= 50 ms; one row changed: work <= 5 ms';
  // One row: its work (script, style, layout); the frame that shows it waits for the display's refresh.
  out.pass = stats(opens.paints).median <= 50 && (oneRowWork === undefined || stats(oneRowWork).median <= 5);
  return out;
}

/** Another window (another store instance on the same folder) switches mode: until the status bar shows it. */
async function statusFollow(api: LeadDeskApi): Promise<unknown> {
  await vscode.commands.executeCommand('leadDesk.startTechnical');
  const other = await openStores((await api.stores).dir);
  const samples: number[] = [];
  const writes: number[] = [];
  try {
    for (let i = 0; i < FOLLOW_SAMPLES; i++) {
      const mode = i % 2 === 0 ? 'managerial' : 'technical';
      const word = mode === 'managerial' ? 'Managerial' : 'Technical';
      await sleep(400);
      const t = performance.now();
      await other.time.switchTo(mode, Date.now());
      writes.push(performance.now() - t);
      await waitUntil(`the status bar to show ${word}`, () => api.timer.statusText.includes(word), 10_000, 2);
      samples.push(performance.now() - t);
    }
  } finally {
    other.dispose();
  }
  const s = stats(samples);
  return { followMs: s, otherWindowWriteMs: stats(writes), goal: '<= 2000 ms', pass: s.max <= 2000 };
}

/** Timer wake-ups while nobody touches the editor; GitHub requests in the same time. */
async function idleWakeups(api: LeadDeskApi, fake: FakeGitHub, seconds: number): Promise<unknown> {
  const state = vscode.window.state;
  const ticks0 = api.timer.ticks;
  const log0 = api.github.requestLog.length;
  const fake0 = fake.stats().requests;
  const t0 = Date.now();
  await sleep(seconds * 1000);
  const elapsed = (Date.now() - t0) / 1000;
  const ticks = api.timer.ticks - ticks0;
  // Minute boundaries in the window: the tick is aligned to them, so that is the most it may wake.
  const boundaries = Math.floor(Date.now() / 60_000) - Math.floor(t0 / 60_000);
  return {
    waitedSeconds: round(elapsed, 1),
    focused: state.focused,
    timerMode: api.timer.current?.mode ?? 'paused',
    ticks,
    minuteBoundariesCrossed: boundaries,
    ticksPerMinute: round(ticks / (elapsed / 60)),
    githubRequests: api.github.requestLog.length - log0,
    fakeGitHubRequests: fake.stats().requests - fake0,
    goal: '<= 1 wake-up per minute',
    pass: ticks <= Math.max(1, boundaries),
    note: state.focused ? 'the headless window reports focused=true; the timer ticks the same either way (only GitHub refreshes depend on focus)' : undefined,
  };
}

/** Records what a fresh copy reads from its context that the bench's context does not provide. */
function freshContext(ext: vscode.Extension<unknown>, storage: string, missing: Set<string>): vscode.ExtensionContext {
  const memento = (): vscode.Memento & { setKeysForSync(keys: readonly string[]): void } => {
    const data = new Map<string, unknown>();
    return {
      keys: () => [...data.keys()],
      get: <T>(key: string, fallback?: T) => (data.has(key) ? data.get(key) as T : fallback) as T,
      update: async (key: string, value: unknown) => { data.set(key, value); },
      setKeysForSync: () => undefined,
    };
  };
  const secretChanged = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  const secrets = new Map<string, string>();
  const base = {
    subscriptions: [] as vscode.Disposable[],
    workspaceState: memento(),
    globalState: memento(),
    secrets: {
      get: async (k: string) => secrets.get(k),
      store: async (k: string, v: string) => { secrets.set(k, v); secretChanged.fire({ key: k }); },
      delete: async (k: string) => { secrets.delete(k); secretChanged.fire({ key: k }); },
      keys: async () => [...secrets.keys()],
      onDidChange: secretChanged.event,
    },
    extensionUri: ext.extensionUri,
    extensionPath: ext.extensionPath,
    extension: ext,
    extensionMode: vscode.ExtensionMode.Production,
    asAbsolutePath: (p: string) => path.join(ext.extensionPath, p),
    globalStorageUri: vscode.Uri.file(storage),
    globalStoragePath: storage,
    storageUri: vscode.Uri.file(path.join(storage, 'workspace')),
    storagePath: path.join(storage, 'workspace'),
    logUri: vscode.Uri.file(path.join(storage, 'log')),
    logPath: path.join(storage, 'log'),
  };
  return new Proxy(base, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) missing.add(key);
      return Reflect.get(target, key);
    },
  }) as unknown as vscode.ExtensionContext;
}

/**
 * A `vscode` for the fresh copies: the real API, except that registrations the running Lead Desk
 * already holds (commands, serializers…) do not throw "already exists". A command is registered
 * under a suffixed id instead, which costs the same.
 */
function apiForFreshCopies(counter: { renamed: number; skipped: number }): typeof vscode {
  const wrapNamespace = (ns: object): object => {
    const copy: Record<string, unknown> = {};
    for (const key of Object.getOwnPropertyNames(ns)) {
      Object.defineProperty(copy, key, {
        enumerable: true,
        get: () => {
          const value = (ns as Record<string, unknown>)[key];
          if (typeof value !== 'function' || !key.startsWith('register')) return value;
          return (...args: unknown[]) => {
            try {
              return (value as (...a: unknown[]) => unknown).apply(ns, args);
            } catch (e) {
              if (!/already/i.test(String((e as Error).message))) throw e;
              if (typeof args[0] === 'string' && /^register(TextEditor)?Command$/.test(key)) {
                counter.renamed++;
                return (value as (...a: unknown[]) => unknown).apply(ns, [`${args[0]}.bench${counter.renamed}`, ...args.slice(1)]);
              }
              counter.skipped++;
              return { dispose: () => undefined };
            }
          };
        },
      });
    }
    return copy;
  };
  const api: Record<string, unknown> = {};
  for (const key of Object.getOwnPropertyNames(vscode)) {
    const wrapped = key === 'commands' || key === 'window' ? wrapNamespace((vscode as unknown as Record<string, object>)[key]) : undefined;
    Object.defineProperty(api, key, { enumerable: true, get: () => wrapped ?? (vscode as unknown as Record<string, unknown>)[key] });
  }
  return api as unknown as typeof vscode;
}

/** 20 fresh copies of dist/extension.js: load (parse + evaluate) and `activate()` timed apart. */
async function activations(api: LeadDeskApi, ext: vscode.Extension<unknown>): Promise<unknown> {
  const main = path.join(ext.extensionPath, 'dist', 'extension.js');
  const mainPaths = new Set([main, fs.realpathSync(main)]);
  const load = createRequire(main);
  const counter = { renamed: 0, skipped: 0 };
  const fakeVscode = apiForFreshCopies(counter);
  const loader = Module as unknown as { _load: (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown };
  const realLoad = loader._load;
  loader._load = function (request, parent, isMain) {
    if (request === 'vscode' && parent?.filename && mainPaths.has(parent.filename)) return fakeVscode;
    return realLoad.call(this, request, parent, isMain);
  };
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-bench-activate-'));
  const missing = new Set<string>();
  const loadMs: number[] = [];
  const activateMs: number[] = [];
  const selfReported: number[] = [];
  try {
    for (let i = 0; i < ACTIVATIONS; i++) {
      delete (load.cache as Record<string, unknown>)[main];
      const ctx = freshContext(ext, storage, missing);
      const t0 = performance.now();
      const mod = load(main) as { activate(c: vscode.ExtensionContext): LeadDeskApi; deactivate?(): void };
      const t1 = performance.now();
      const copy = mod.activate(ctx);
      const t2 = performance.now();
      loadMs.push(t1 - t0);
      activateMs.push(t2 - t1);
      selfReported.push(copy.activationMs);
      // Let the copy's after-activation work (stores, first refresh) start before it is disposed.
      await sleep(100);
      for (const d of ctx.subscriptions.splice(0).reverse()) {
        try { d.dispose(); } catch { /* a copy's dispose failing must not stop the benchmark */ }
      }
      mod.deactivate?.();
      await sleep(300);
    }
  } finally {
    loader._load = realLoad;
    fs.rmSync(storage, { recursive: true, force: true });
  }
  const a = stats(activateMs);
  return {
    firstRealActivationMs: round(api.activationMs),
    activateMs: a,
    selfReportedActivationMs: stats(selfReported),
    moduleLoadMs: { first: round(loadMs[0]), ...stats(loadMs) },
    bundle: path.relative(path.dirname(ext.extensionPath), main),
    duplicateRegistrations: counter,
    contextKeysNotProvided: [...missing],
    goal: 'median activate() <= 3 ms',
    pass: a.median <= 3,
  };
}

export async function run(): Promise<void> {
  const results: Results = { startedAt: new Date().toISOString(), vscodeVersion: vscode.version, node: process.version };
  const ext = vscode.extensions.getExtension<LeadDeskApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not installed in this VS Code`);
  const api = await ext.activate();
  results.extensionPath = ext.extensionPath;
  results.firstActivationMs = round(api.activationMs);
  await api.stores;

  let fake: FakeGitHub | undefined;
  await part(results, 'connect', async () => {
    const c = await connect(api);
    fake = c.fake;
    return {
      repos: REPOS, pulls: PULLS, reviews: api.work.model.snapshot.reviews.length,
      signInToLoadedMs: c.loadedMs, signInToQuietMs: c.settledMs, requestsUntilQuiet: c.requests, notModifiedUntilQuiet: c.notModified,
    };
  });
  const needFake = () => { if (!fake) throw new Error('no fake GitHub (connect failed)'); return fake; };

  await part(results, 'treeBuild', () => treeBuild(api));
  await part(results, 'queueFirstPaint', () => queuePaint(api, needFake(), ext.extensionUri));
  await part(results, 'statusBarFollow', () => statusFollow(api));
  await part(results, 'idleWakeups', () => idleWakeups(api, needFake(), Number(process.env.LEAD_DESK_BENCH_IDLE_SECONDS) || 61));

  // Fresh copies must not reach the fake: sign the real one out, then activate copies last
  // (a copy re-registers the leadDesk.work tree view, which the real instance loses).
  await vscode.commands.executeCommand('leadDesk.stopTimer').then(undefined, () => undefined);
  await api.github.auth.signOut().catch(() => undefined);
  await fake?.close();
  await part(results, 'activation', () => activations(api, ext));

  results.finishedAt = new Date().toISOString();
  const json = JSON.stringify(results);
  const out = process.env.LEAD_DESK_BENCH_OUT;
  if (out) fs.writeFileSync(out, json);
  console.log(`BENCH-JSON ${json}`);
}
