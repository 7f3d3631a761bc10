import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { AlertStore, alertsSpec } from '../../../../src/store/alertStore';
import { alertKey } from '../../../../src/core/buildAlerts';
import { HandOffStore, handOffKey, handOffsSpec } from '../../../../src/store/handOffStore';
import { OneOnOneStore, oneOnOnesSpec } from '../../../../src/store/oneOnOneStore';
import { ReviewHistoryStore, reviewYearSpec } from '../../../../src/store/reviewHistoryStore';
import { TaskStore, tasksSpec } from '../../../../src/store/taskStore';
import { timeShardSpec } from '../../../../src/store/timeJournal';
import { TimeStore } from '../../../../src/store/timeStore';
import { parseVersioned, type FileSpec, type Versioned } from '../../../../src/store/engine/versionedJson';
import { cleanup, tempDir } from '../helpers';

/*
 * Issue 17 #4, for every store that sets records aside: whatever sequence of updates runs, each
 * record (or item) set aside as unreadable is still on disk as it was, in the data file, or, when
 * a change had to touch it, in the copy kept next to it (`NAME.set-aside-<time>.json`).
 */

/** Mid-December 2026 (UTC noon): the same local month and year in every time zone. */
const T = Date.UTC(2026, 11, 15, 12);
const H = 3_600_000;

interface Subject<S> {
  readonly name: string;
  /** Data file, relative to the store folder, and its content with the bad records in it. */
  readonly file: string;
  readonly seed: Record<string, unknown>;
  readonly spec: FileSpec<Versioned>;
  /** More to check after each update: what a merge must keep in the data file itself. */
  merged?(before: Record<string, unknown>, setAside: readonly unknown[], after: Record<string, unknown>, ops: string): void;
  open(dir: string): Promise<S>;
  close(store: S): void;
  readonly op: fc.Arbitrary<[label: string, run: (store: S) => Promise<unknown>]>;
}

/** True when `needle` is `tree` or any value nested in it. */
function holds(tree: unknown, needle: unknown): boolean {
  if (isDeepStrictEqual(tree, needle)) return true;
  return typeof tree === 'object' && tree !== null && Object.values(tree).some((v) => holds(v, needle));
}

const op = <S>(label: string, run: (store: S) => Promise<unknown>): [string, (store: S) => Promise<unknown>] => [label, run];

const goodTask = { id: 't-1', title: 'Review the RFC', assignee: 'ana', due: '2026-12-20', createdAt: T - 10 * H };
const badTask = { id: 't-bad', title: 'No assignee', due: null, createdAt: T - 9 * H };
const twinTask = { ...goodTask, title: 'twin of t-1' };
const tasks: Subject<TaskStore> = {
  name: 'tasks.json (TaskStore)',
  spec: tasksSpec as unknown as FileSpec<Versioned>,
  file: 'tasks.json',
  seed: { version: 1, tasks: [goodTask, badTask, twinTask] },
  open: (dir) => TaskStore.open(dir),
  close: (s) => s.dispose(),
  op: fc.oneof(
    fc.constantFrom('t-1', 't-bad', 't-new').map((id) => op<TaskStore>(`add ${id}`, (s) => s.add({ id, title: 'x', assignee: 'bo', due: null }, T))),
    fc.constantFrom('t-1', 't-bad').map((id) => op<TaskStore>(`patch ${id}`, (s) => s.patch(id, { title: 'patched', due: null }))),
    fc.constantFrom('t-1', 't-bad').map((id) => op<TaskStore>(`complete ${id}`, (s) => s.complete(id, T))),
    fc.constantFrom('t-1', 't-bad', 't-new').map((id) => op<TaskStore>(`remove ${id}`, (s) => s.remove(id))),
  ),
};

const section = { checked: true, seen: ['a'], counts: { total: 1 }, notes: '' };
const badReview = { id: 'r-bad', finishedAt: T - 48 * H, sections: { team: { ...section, seen: 'a' } } };
const reviews: Subject<ReviewHistoryStore> = {
  name: 'reviews/2026.json (ReviewHistoryStore)',
  spec: reviewYearSpec('2026') as unknown as FileSpec<Versioned>,
  file: 'reviews/2026.json',
  seed: { version: 1, year: '2026', reviews: [{ id: 'r-1', finishedAt: T - 72 * H, sections: { team: section } }, badReview] },
  open: (dir) => ReviewHistoryStore.open(dir),
  close: (s) => s.dispose(),
  op: fc.tuple(fc.constantFrom('r-1', 'r-bad', undefined), fc.integer({ min: -100, max: 100 })).map(([id, hours]) =>
    op<ReviewHistoryStore>(`append ${id}`, (s) => s.append({ ...(id ? { id } : {}), finishedAt: T + hours * H, sections: { team: section } }))),
};

const badEntry = { id: 'e-bad', mode: 'technical', start: T - 5 * H, end: T - 6 * H };
const twinEntry = { id: 'e-1', mode: 'managerial', start: T - 3 * H, end: T - 2 * H };
const time: Subject<TimeStore> = {
  name: 'time/2026-12.json (TimeStore)',
  spec: timeShardSpec('2026-12') as unknown as FileSpec<Versioned>,
  file: 'time/2026-12.json',
  seed: { version: 1, month: '2026-12', entries: [{ id: 'e-1', mode: 'technical', start: T - 8 * H, end: T - 7 * H }, badEntry, twinEntry] },
  open: (dir) => TimeStore.open(dir, { windowId: 'test', isProcessAlive: () => true }),
  close: (s) => s.dispose(),
  op: fc.oneof(
    fc.tuple(fc.constantFrom('technical', 'managerial') as fc.Arbitrary<'technical' | 'managerial'>, fc.integer({ min: 0, max: 5 })).map(([mode, h]) =>
      op<TimeStore>(`switch to ${mode} at +${h}h`, async (s) => s.switchTo(mode, Math.max(T + h * H, (s.current()?.start ?? 0) + 1)))),
    fc.integer({ min: 0, max: 5 }).map((h) => op<TimeStore>(`pause at +${h}h`, (s) => s.pause(Math.max(T + h * H, (s.current()?.start ?? 0) + 1)))),
    fc.tuple(fc.integer({ min: -9, max: 0 }), fc.integer({ min: 1, max: 9 })).map(([from, length]) =>
      op<TimeStore>(`replace ${from}h..+${length}h`, (s) => s.replaceEntries({ from: T + from * H, to: T + (from + length) * H }, []))),
  ),
};

const alertOwner = { origin: 'https://api.github.com', account: 'lead' };
const badAlert = { ...alertOwner, repo: 'acme/app', workflowId: 1, name: 'CI', state: 'purple', runId: 5, url: 'u', since: T - H };
const alerts: Subject<AlertStore> = {
  name: 'alerts.json (AlertStore)',
  spec: alertsSpec as unknown as FileSpec<Versioned>,
  file: 'alerts.json',
  // Under the key the store's own `observe` of workflow #1 writes, so every such update collides.
  seed: { version: 2, workflows: { [alertKey(alertOwner, 'acme/app', 1)]: badAlert } },
  open: (dir) => AlertStore.open(dir),
  close: (s) => s.dispose(),
  op: fc.oneof(
    fc.tuple(fc.constantFrom(1, 2), fc.constantFrom('success', 'failure')).map(([workflowId, conclusion]) => op<AlertStore>(`observe #${workflowId} ${conclusion}`, (s) => s.observe(alertOwner, 'acme/app', 'main', [{
      workflowId, name: 'CI', runId: 10 + workflowId, headBranch: 'main', status: 'completed', conclusion, createdAt: T, url: `https://github.com/acme/app/actions/runs/${10 + workflowId}`,
    }], 'all', T))),
    fc.constantFrom([], ['acme/app']).map((repos) => op<AlertStore>(`keep only ${repos.join()}`, (s) => s.keepOnly(alertOwner, repos))),
  ),
};

const anaMeetings = [{ date: '2026-12-01', notes: 'ana 1', updatedAt: T - 300 * H }, { date: '2026-12-08', notes: 'ana 2', updatedAt: T - 100 * H }];
const anaAction = { id: 'a-ana-0a', text: 'ana item', createdAt: T - 300 * H, date: '2026-12-01' };
const anaBad = { login: 'ana', meetings: anaMeetings, actions: [anaAction], nudges: {} };
const boBadMeeting = { date: '2026-12-1', notes: 'bo odd date', updatedAt: T - 200 * H };
const boBadAction = { id: 'a-bo-0b', text: 'bo item', createdAt: T - 200 * H, date: '2026-12-01', doneAt: null };
const boGoodAction = { id: 'a-bo-0c', text: 'bo good item', createdAt: T - 200 * H, date: '2026-12-01' };
const oneOnOnes: Subject<OneOnOneStore> = {
  name: 'one-on-ones.json (OneOnOneStore)',
  spec: oneOnOnesSpec as unknown as FileSpec<Versioned>,
  file: 'one-on-ones.json',
  seed: { version: 1, people: { ana: anaBad, bo: { login: 'bo', meetings: [boBadMeeting], actions: [boBadAction, boGoodAction] } } },
  // A person set aside and then written to is merged: every meeting's notes and action item stay in the file itself.
  merged: (before, setAside, after, ops) => {
    const people = (f: Record<string, unknown>) => f.people as Record<string, { meetings?: unknown; actions?: unknown }>;
    for (const [key, was] of Object.entries(people(before))) {
      if (!setAside.includes(was) && !setAside.some((x) => isDeepStrictEqual(x, was))) continue;
      const now = people(after)[key];
      if (!now || isDeepStrictEqual(now, was)) continue;
      const liveMeetings = Array.isArray(now.meetings) ? now.meetings as Array<{ date: string; notes: string }> : [];
      for (const m of Array.isArray(was.meetings) ? was.meetings as Array<{ date: string; notes: string }> : []) {
        assert.ok(liveMeetings.some((l) => l.date === m.date && l.notes.includes(m.notes)), `merge lost the notes of ${key} on ${m.date}\nafter ${ops}`);
      }
      const liveIds = new Set((Array.isArray(now.actions) ? now.actions as Array<{ id: string }> : []).map((a) => a.id));
      for (const a of Array.isArray(was.actions) ? was.actions as Array<{ id: string }> : []) assert.ok(liveIds.has(a.id), `merge lost action ${a.id} of ${key}\nafter ${ops}`);
    }
  },
  open: (dir) => OneOnOneStore.open(dir),
  close: (s) => s.dispose(),
  op: fc.oneof(
    fc.tuple(fc.constantFrom('ana', 'bo', 'cy'), fc.constantFrom('2026-12-01', '2026-12-08', '2026-12-15'), fc.constantFrom('', 'typed', 'ana 1'))
      .map(([login, date, notes]) => op<OneOnOneStore>(`saveNotes ${login} ${date} ${JSON.stringify(notes)}`, (s) => s.saveNotes(login, date, notes, T))),
    fc.constantFrom('ana', 'bo', 'cy').map((login) => op<OneOnOneStore>(`addAction ${login}`, (s) => s.addAction(login, 'new item', '2026-12-15', T))),
    fc.tuple(fc.constantFrom('ana', 'bo'), fc.constantFrom(anaAction.id, boBadAction.id, boGoodAction.id), fc.boolean())
      .map(([login, id, done]) => op<OneOnOneStore>(`setActionDone ${login} ${id} ${done}`, (s) => s.setActionDone(login, id, done, T))),
    fc.constantFrom('ana', 'bo', 'cy').map((login) => op<OneOnOneStore>(`recordNudge ${login}`, (s) => s.recordNudge(login, { at: T, repo: 'acme/app', number: 3, url: 'https://github.com/acme/app/pull/3#c', kind: 'own-pr' }))),
  ),
};

const handOffScope = { origin: 'https://api.github.com', account: 'lead' };
const badHandOff = { ...handOffScope, repo: 'acme/app', number: 7, to: 'ana', at: 'yesterday' };
const handOffs: Subject<HandOffStore> = {
  name: 'hand-offs.json (HandOffStore)',
  spec: handOffsSpec as unknown as FileSpec<Versioned>,
  file: 'hand-offs.json',
  // Under the key `record` writes for acme/app#7 → ana, so that update collides with it.
  seed: { version: 1, handOffs: { [handOffKey(handOffScope, 'acme/app', 7, 'ana')]: badHandOff } },
  open: (dir) => HandOffStore.open(dir),
  close: (s) => s.dispose(),
  op: fc.oneof(
    fc.tuple(fc.constantFrom(7, 8), fc.constantFrom('ana', 'bo'), fc.integer({ min: 0, max: 40 })).map(([number, to, days]) =>
      op<HandOffStore>(`record #${number} → ${to} at T+${days}d`, (s) => s.record(handOffScope, 'acme/app', number, to, T + days * 24 * H))),
    fc.constantFrom<Record<string, number>>({ 'acme/app#7>ana': T - H }, { 'acme/app#9>cy': T }).map((legacy) =>
      op<HandOffStore>(`adopt ${Object.keys(legacy).join()}`, (s) => s.adopt(handOffScope, legacy, T))),
  ),
};

/** Everything `text` sets aside: whole records, and items of usable records' lists. */
function setAsideIn(text: string, spec: FileSpec<Versioned>): unknown[] {
  const parsed = parseVersioned(text, spec);
  assert.ok(parsed.ok, 'the file stays readable');
  if (!parsed.setAside) return [];
  return [
    ...Object.values(parsed.setAside.records).flatMap((r) => (Array.isArray(r) ? r : Object.values(r))),
    ...parsed.setAside.parts.flatMap((p) => p.items),
  ];
}

function check<S>(subject: Subject<S>): void {
  it(`${subject.name}: set-aside data survives any sequence of updates`, async () => {
    await fc.assert(fc.asyncProperty(fc.array(subject.op, { minLength: 1, maxLength: 6 }), async (ops) => {
      const dir = tempDir('set-aside-property');
      try {
        const file = path.join(dir, ...subject.file.split('/'));
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify(subject.seed, null, 2));
        const store = await subject.open(dir);
        const done: string[] = [];
        try {
          for (const [label, run] of ops) {
            // What is set aside now (a record that became readable may then change, like any other).
            const before = fs.readFileSync(file, 'utf8');
            const setAside = setAsideIn(before, subject.spec);
            await run(store).catch((e: unknown) => { if (!(e instanceof RangeError)) throw e; });
            done.push(label);
            const after = fs.readFileSync(file, 'utf8');
            const live: unknown = JSON.parse(after);
            const copies = fs.readdirSync(path.dirname(file)).filter((n) => n.includes('.set-aside-'))
              .map((n) => JSON.parse(fs.readFileSync(path.join(path.dirname(file), n), 'utf8')) as unknown);
            for (const item of setAside) {
              assert.ok(holds(live, item) || copies.some((c) => holds(c, item)), `lost: ${JSON.stringify(item)}\nafter ${done.join('; ')}`);
            }
            subject.merged?.(JSON.parse(before) as Record<string, unknown>, setAside, live as Record<string, unknown>, done.join('; '));
          }
        } finally {
          subject.close(store);
        }
      } finally {
        cleanup(dir);
      }
    }), { numRuns: 40 });
  });
}

describe('store/set-aside records survive every update (property)', () => {
  check(tasks);
  check(reviews);
  check(time);
  check(alerts);
  check(oneOnOnes);
  check(handOffs);
});
