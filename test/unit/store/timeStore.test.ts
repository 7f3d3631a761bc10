import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { idleSpanReplacement, type IdleSpan } from '../../../src/core/idle';
import { applyIdleDecision } from '../core/models/idleModels';
import type { TimeEntry } from '../../../src/core/timeEntry';
import { TimeStore } from '../../../src/store/timeStore';
import type { TimerFile, TimeShardFile } from '../../../src/store/timeJournal';
import { cleanup, deadPid, EventLog, tempDir } from './helpers';

const at = (month: number, day: number, hour: number, minute = 0, second = 0) => new Date(2026, month - 1, day, hour, minute, second).getTime();
const readJson = <T>(file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** No two entries overlap, at most one runs, and it is the last. */
function assertTimeline(entries: TimeEntry[]): void {
  for (let i = 1; i < entries.length; i++) {
    assert.ok(entries[i - 1].end !== null && entries[i - 1].end! <= entries[i].start, `overlap at ${entries[i].id}`);
  }
}

describe('store/TimeStore', () => {
  let dir: string;
  let stores: TimeStore[];
  const open = async (options = {}) => {
    const store = await TimeStore.open(dir, options);
    stores.push(store);
    return store;
  };
  const shard = (month: string) => readJson<TimeShardFile>(path.join(dir, 'time', `${month}.json`));
  const timer = () => readJson<TimerFile>(path.join(dir, 'timer.json'));
  beforeEach(() => { dir = tempDir('time'); stores = []; });
  afterEach(() => { stores.forEach((s) => s.dispose()); cleanup(dir); });

  it('start, switch, pause: one running entry, closed ones in their month shard', async () => {
    const time = await open();
    const first = await time.start('technical', at(11, 26, 9));
    assert.equal(time.current()?.id, first.id);
    const second = await time.switchTo('managerial', at(11, 26, 10));
    assert.equal(second?.mode, 'managerial');
    const closed = await time.pause(at(11, 26, 11));
    assert.equal(closed?.id, second?.id);
    assert.equal(time.current(), null);
    assert.deepEqual(shard('2026-11').entries.map((e) => [e.mode, e.start, e.end, e.closedBy]), [
      ['technical', at(11, 26, 9), at(11, 26, 10), 'user'],
      ['managerial', at(11, 26, 10), at(11, 26, 11), 'user'],
    ]);
    assert.equal(timer().running, null);
    const again = await TimeStore.open(dir);
    stores.push(again);
    assert.equal((await again.entriesBetween(at(11, 26, 0), at(11, 27, 0))).length, 2);
  });

  it('switching to the mode that runs changes nothing', async () => {
    const time = await open();
    const running = await time.start('technical', at(11, 26, 9), 'standup');
    const ino = fs.statSync(time.timerPath).ino;
    assert.deepEqual(await time.switchTo('technical', at(11, 26, 10)), running);
    assert.equal(fs.statSync(time.timerPath).ino, ino);
  });

  it('never ends an entry before it started (windows\' clocks differ)', async () => {
    const time = await open();
    const first = await time.start('technical', at(11, 26, 9, 1));
    const next = await time.switchTo('managerial', at(11, 26, 9, 0));
    assert.equal(next?.start, first.start);
    assertTimeline(await time.entriesBetween(-Infinity, Infinity));
  });

  it('two windows switching at once: exactly one runs, none is lost', async () => {
    const [a, b] = await Promise.all([open({ windowId: 'a' }), open({ windowId: 'b' })]);
    const t0 = at(11, 26, 9);
    const started = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? a : b).start(i % 3 ? 'technical' : 'managerial', t0 + i * 1000)));
    const all = await a.entriesBetween(-Infinity, Infinity);
    assert.deepEqual(new Set(all.map((e) => e.id)), new Set(started.map((e) => e.id)));
    assert.equal(all.length, 40);
    assert.equal(all.filter((e) => e.end === null).length, 1);
    assertTimeline(all);
    await b.refresh();
    assert.equal(b.current()?.id, a.current()?.id);
  });

  it('shards by local month; a range reads across months and sees an entry crossing them', async () => {
    const time = await open();
    await time.start('technical', at(10, 31, 23));
    await time.switchTo('managerial', at(11, 1, 1));
    await time.switchTo('technical', at(12, 3, 9));
    assert.deepEqual(fs.readdirSync(path.join(dir, 'time')).sort(), ['2026-10.json', '2026-11.json']);
    assert.equal(shard('2026-10').entries.length, 1);
    const nov1 = await time.entriesBetween(at(11, 1, 0), at(11, 2, 0));
    assert.deepEqual(nov1.map((e) => e.mode), ['technical', 'managerial']);
    assert.deepEqual((await time.entriesBetween(at(12, 1, 0), at(12, 31, 0))).map((e) => e.end), [at(12, 3, 9), null]);
  });

  it('a heartbeat writes only timer.json', async () => {
    const time = await open();
    await time.start('technical', at(11, 26, 9));
    await time.switchTo('managerial', at(11, 26, 10));
    await time.heartbeat(at(11, 26, 10, 1)); // applies what the switch left pending
    const shardFile = path.join(dir, 'time', '2026-11.json');
    const before = fs.statSync(shardFile);
    const timerIno = fs.statSync(time.timerPath).ino;
    const beat = await time.heartbeat(at(11, 26, 10, 2));
    assert.equal(beat?.heartbeat, at(11, 26, 10, 2));
    const after = fs.statSync(shardFile);
    assert.deepEqual([after.ino, after.mtimeMs], [before.ino, before.mtimeMs]);
    assert.notEqual(fs.statSync(time.timerPath).ino, timerIno);
    assert.equal(timer().running?.heartbeat, at(11, 26, 10, 2));
  });

  it('addNote appends to the running entry, and does nothing when paused', async () => {
    const time = await open();
    await time.start('managerial', at(11, 26, 9), '1:1 with Ana');
    assert.equal((await time.addNote('hiring plan'))?.note, '1:1 with Ana\nhiring plan');
    await time.pause(at(11, 26, 10));
    assert.equal(await time.addNote('lost'), null);
  });

  describe('recoverCrashed', () => {
    const plantTimer = (byWindow: TimerFile['byWindow']) => {
      const running: TimeEntry = { id: 'e1', mode: 'technical', start: at(11, 26, 9), end: null, heartbeat: at(11, 26, 9, 40) };
      fs.writeFileSync(path.join(dir, 'timer.json'), JSON.stringify({ version: 1, running, updatedAt: running.heartbeat, byWindow, pending: [] }));
    };

    it('closes a dead window\'s entry at its last heartbeat, not now', async () => {
      plantTimer({ id: 'gone', pid: deadPid(), host: os.hostname() });
      const time = await open();
      const closed = await time.recoverCrashed(at(11, 26, 15), 10 * 60_000);
      assert.deepEqual([closed?.end, closed?.closedBy], [at(11, 26, 9, 40), 'crash']);
      assert.equal(time.current(), null);
      assert.equal(shard('2026-11').entries[0].end, at(11, 26, 9, 40));
    });

    it('closes a dead window\'s entry at its heartbeat however fresh it is (VS Code back within seconds)', async () => {
      plantTimer({ id: 'gone', pid: 4242, host: os.hostname() });
      const time = await open({ isProcessAlive: () => false });
      // The heartbeat is 20 s old: the old rule (3 minutes) kept it running and counted the gap.
      const closed = await time.recoverCrashed(at(11, 26, 9, 40) + 20_000, 3 * 60_000);
      assert.deepEqual([closed?.id, closed?.end, closed?.closedBy], ['e1', at(11, 26, 9, 40), 'crash']);
      assert.equal(time.current(), null);
    });

    it('leaves it running while its window is alive, even with an old heartbeat (the lead is idle)', async () => {
      plantTimer({ id: 'alive', pid: 4242, host: os.hostname() });
      const alive = await open({ isProcessAlive: () => true });
      assert.equal(await alive.recoverCrashed(at(11, 26, 15), 10 * 60_000), null);
      assert.equal(alive.current()?.id, 'e1');
    });

    it('judges a window on another host by its heartbeat\'s age', async () => {
      plantTimer({ id: 'far', pid: 4242, host: `not-${os.hostname()}` });
      const time = await open({ isProcessAlive: () => false });
      assert.equal(await time.recoverCrashed(at(11, 26, 9, 45), 10 * 60_000), null);
      assert.equal((await time.recoverCrashed(at(11, 26, 15), 10 * 60_000))?.end, at(11, 26, 9, 40));
    });

    it('a window that closed cleanly hands the entry to one opening moments later (a reload), not to one opening much later', async () => {
      const first = await open();
      await first.start('technical', at(11, 26, 9));
      await first.heartbeat(at(11, 26, 9, 40));
      await first.release(at(11, 26, 9, 40, 30));
      assert.equal(timer().byWindow?.releasedAt, at(11, 26, 9, 40, 30));
      // The same process stands in for the next window: the release, not the pid, decides.
      const reloaded = await open();
      assert.equal(await reloaded.recoverCrashed(at(11, 26, 9, 41), 3 * 60_000), null);
      assert.equal(reloaded.current()?.mode, 'technical');
      assert.equal(timer().byWindow?.releasedAt, undefined, 'the new window drives it now');

      await reloaded.release(at(11, 26, 9, 42));
      const nextMorning = await open();
      const closed = await nextMorning.recoverCrashed(at(11, 27, 8), 3 * 60_000);
      assert.deepEqual([closed?.end, closed?.closedBy], [at(11, 26, 9, 40), 'crash']);
    });

    it('release records nothing for an entry another window drives', async () => {
      plantTimer({ id: 'other', pid: 4242, host: os.hostname() });
      const time = await open();
      await time.release(at(11, 26, 9, 41));
      assert.equal(timer().byWindow?.releasedAt, undefined);
    });
  });

  describe('heads-down record', () => {
    it('is cleared once, by whichever window sees technical time stop', async () => {
      const a = await open();
      const b = await open();
      await a.start('technical', at(11, 26, 9));
      await a.markHeadsDown(at(11, 26, 10, 30));
      assert.equal(await b.takeHeadsDown(), false, 'technical still runs');
      await b.refresh();
      assert.equal(b.headsDownUntil, at(11, 26, 10, 30));
      await b.pause(at(11, 26, 9, 30));
      const taken = await Promise.all([a.takeHeadsDown(), b.takeHeadsDown()]);
      assert.deepEqual(taken.sort(), [false, true]);
      await a.refresh();
      assert.equal(a.headsDownUntil, null);
    });
  });

  describe('automatic switches', () => {
    const MIN5 = 5 * 60_000;

    it('switches, marks the entry automatic, and undo restores the previous entry exactly', async () => {
      const time = await open();
      await time.start('managerial', at(11, 26, 9), '#1:1 with Ana');
      await time.heartbeat(at(11, 26, 9, 40));
      const before = time.current()!;
      const undo = await time.autoSwitch({ from: 'managerial', to: 'technical', signal: 'edits', at: at(11, 26, 9, 45), minGapMs: MIN5 });
      assert.ok(undo);
      assert.deepEqual(undo.previous, before);
      assert.equal(time.current()?.auto, 'edits');
      assert.equal(time.current()?.mode, 'technical');
      assert.equal(shard('2026-11').entries.length, 1, 'the managerial entry was closed into its shard');
      assert.equal(await time.undoAutoSwitch(undo, at(11, 26, 9, 45, 20)), true);
      assert.deepEqual(time.current(), before, 'the same entry runs again, every field as it was');
      assert.deepEqual(await time.entriesBetween(at(11, 26, 0), at(11, 27, 0)), [before], 'nothing else is left');
      assert.equal(shard('2026-11').entries.length, 0);
      const reopened = await open();
      assert.deepEqual(reopened.current(), before);
    });

    it('undo from Paused pauses again; undo after the timer changed does nothing', async () => {
      const time = await open();
      const undo = await time.autoSwitch({ from: null, to: 'technical', signal: 'edits', at: at(11, 26, 9), minGapMs: MIN5 });
      assert.equal(undo?.previous, null);
      assert.equal(await time.undoAutoSwitch(undo!, at(11, 26, 9, 0, 10)), true);
      assert.equal(time.current(), null);
      assert.deepEqual(await time.entriesBetween(-Infinity, Infinity), []);
      const second = await time.autoSwitch({ from: null, to: 'technical', signal: 'edits', at: at(11, 26, 10), minGapMs: MIN5 });
      await time.switchTo('managerial', at(11, 26, 10, 0, 5));
      assert.equal(await time.undoAutoSwitch(second!, at(11, 26, 10, 0, 10)), false);
      assert.equal(time.current()?.mode, 'managerial');
    });

    it('refuses when the mode is no longer what the decision saw, or within minGap of the last change', async () => {
      const time = await open();
      await time.start('technical', at(11, 26, 9));
      assert.equal(await time.autoSwitch({ from: 'managerial', to: 'technical', signal: 'edits', at: at(11, 26, 10), minGapMs: MIN5 }), null, 'stale decision');
      assert.equal(await time.autoSwitch({ from: 'technical', to: 'managerial', signal: 'review-queue', at: at(11, 26, 9, 4), minGapMs: MIN5 }), null, 'the lead switched 4 minutes ago');
      assert.ok(await time.autoSwitch({ from: 'technical', to: 'managerial', signal: 'review-queue', at: at(11, 26, 10), minGapMs: MIN5 }));
      await time.switchTo('technical', at(11, 26, 10, 1)); // a manual switch back: allowed, the lead decides
      assert.equal(await time.claimSuggestion({ from: 'technical', to: 'managerial', signal: 'review-queue', at: at(11, 26, 10, 6, 30), minGapMs: 10 * 60_000 }), false, 'within minGap of the automatic change');
      assert.equal(time.lastAutoAt, at(11, 26, 10));
    });

    it('of two windows deciding at once, exactly one switches (suggestions too)', async () => {
      const [a, b] = await Promise.all([open({ windowId: 'a' }), open({ windowId: 'b' })]);
      await a.start('managerial', at(11, 26, 9));
      const change = { from: 'managerial' as const, to: 'technical' as const, signal: 'edits' as const, minGapMs: MIN5 };
      const results = await Promise.all([a.autoSwitch({ ...change, at: at(11, 26, 10) }), b.autoSwitch({ ...change, at: at(11, 26, 10, 0, 1) })]);
      assert.equal(results.filter(Boolean).length, 1);
      const all = await a.entriesBetween(-Infinity, Infinity);
      assert.deepEqual(all.map((e) => [e.mode, e.auto ?? null]), [['managerial', null], ['technical', 'edits']]);
      const back = { from: 'technical' as const, to: 'managerial' as const, signal: 'morning-review' as const, minGapMs: MIN5 };
      const claims = await Promise.all([a.claimSuggestion({ ...back, at: at(11, 26, 11) }), b.claimSuggestion({ ...back, at: at(11, 26, 11) })]);
      assert.deepEqual(claims.sort(), [false, true]);
    });

    it('reads files written before entries had "auto", and skips a malformed one', async () => {
      fs.mkdirSync(path.join(dir, 'time'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'time', '2026-11.json'), JSON.stringify({ version: 1, month: '2026-11', entries: [
        { id: 'old', mode: 'technical', start: at(11, 2, 9), end: at(11, 2, 10), closedBy: 'user' },
        { id: 'new', mode: 'technical', start: at(11, 2, 10), end: at(11, 2, 11), auto: 'some-future-signal' },
        { id: 'bad', mode: 'technical', start: at(11, 2, 11), end: at(11, 2, 12), auto: 42 },
      ] }));
      const time = await open();
      assert.deepEqual((await time.entriesBetween(-Infinity, Infinity)).map((e) => e.id), ['old', 'new']);
    });
  });

  describe('replaceEntries (idle decisions)', () => {
    for (const decision of ['drop', 'other-mode'] as const) {
      it(`"${decision}" about a span of the running entry: the store ends as applyIdleDecision says`, async () => {
        const time = await open();
        await time.start('managerial', at(11, 26, 8));
        await time.start('technical', at(11, 26, 9));
        const span: IdleSpan = { start: at(11, 26, 8, 30), end: at(11, 26, 10), reason: 'idle' };
        const before = await time.entriesBetween(span.start, span.end);
        // What the timer does with the lead's answer (timerController.askAboutSpan).
        await time.replaceEntries({ from: span.start, to: span.end }, idleSpanReplacement(before, span, decision));
        const after = await time.entriesBetween(at(11, 26, 0), at(11, 27, 0));
        const expected = applyIdleDecision(before, span, decision);
        const shape = (es: readonly TimeEntry[]) => es.map((e) => [e.mode, e.start, e.end]).sort((x, y) => Number(x[1]) - Number(y[1]));
        assert.deepEqual(shape(after), shape(expected));
        assertTimeline(after);
        assert.equal(new Set(after.map((e) => e.id)).size, after.length, 'ids stay unique');
        assert.equal(time.current()?.start, span.end);
      });
    }

    it('discarding idle time splits the running entry around it', async () => {
      const time = await open();
      const running = await time.start('technical', at(11, 26, 9));
      await time.replaceEntries({ from: at(11, 26, 10), to: at(11, 26, 10, 45) }, []);
      const entries = await time.entriesBetween(at(11, 26, 0), at(11, 27, 0));
      assert.deepEqual(entries.map((e) => [e.mode, e.start, e.end, e.closedBy]), [
        ['technical', at(11, 26, 9), at(11, 26, 10), 'idle'],
        ['technical', at(11, 26, 10, 45), null, undefined],
      ]);
      assert.equal(entries[0].id, running.id);
      assert.equal(time.current()?.start, at(11, 26, 10, 45));
    });

    it('counts idle time as managerial, cutting closed entries at the range edges', async () => {
      const time = await open();
      await time.start('technical', at(11, 26, 9));
      await time.pause(at(11, 26, 12));
      await time.replaceEntries({ from: at(11, 26, 10), to: at(11, 26, 11) },
        [{ mode: 'managerial', start: at(11, 26, 9, 30), end: at(11, 26, 11), note: 'hallway talk' }]);
      const entries = await time.entriesBetween(at(11, 26, 0), at(11, 27, 0));
      assert.deepEqual(entries.map((e) => [e.mode, e.start, e.end]), [
        ['technical', at(11, 26, 9), at(11, 26, 10)],
        ['managerial', at(11, 26, 10), at(11, 26, 11)],
        ['technical', at(11, 26, 11), at(11, 26, 12)],
      ]);
      assert.equal(new Set(entries.map((e) => e.id)).size, 3);
      assert.equal(shard('2026-11').entries.length, 3);
    });
  });

  describe('crash consistency', () => {
    it('a change committed but not yet in its shard is seen by readers and finished by the next change', async () => {
      const time = await open();
      await time.start('technical', at(11, 26, 9));
      const orphan: TimeEntry = { id: 'orphan', mode: 'managerial', start: at(11, 20, 9), end: at(11, 20, 10), closedBy: 'user' };
      const file = timer();
      file.pending.push({ month: '2026-11', put: orphan }); // as left by a window killed after its commit
      fs.writeFileSync(time.timerPath, JSON.stringify(file));
      assert.ok((await time.entriesBetween(at(11, 20, 0), at(11, 21, 0))).some((e) => e.id === 'orphan'));
      assert.equal(fs.existsSync(path.join(dir, 'time', '2026-11.json')), false);
      await time.heartbeat(at(11, 26, 9, 1));
      assert.ok(shard('2026-11').entries.some((e) => e.id === 'orphan'));
      assert.deepEqual(timer().pending, []);
    });

    it('a shard that cannot be written keeps its changes journalled in timer.json', async () => {
      const events = new EventLog();
      const time = await open({ ...events, retryFirstMs: 60_000 });
      fs.writeFileSync(path.join(dir, 'time'), 'a file where the month folder goes');
      await time.start('technical', at(11, 26, 9));
      const next = await time.switchTo('managerial', at(11, 26, 10));
      assert.equal(timer().running?.id, next?.id);
      assert.equal(timer().pending.length, 1);
      assert.equal(events.writeFailed[0]?.code, 'ENOTDIR');
      assert.equal((await time.entriesBetween(at(11, 26, 0), at(11, 27, 0))).length, 2);
      fs.rmSync(path.join(dir, 'time'));
      await time.heartbeat(at(11, 26, 10, 1));
      assert.equal(shard('2026-11').entries.length, 1);
      assert.deepEqual(timer().pending, []);
    });

    it('a damaged timer.json is moved aside and the timer starts stopped', async () => {
      fs.writeFileSync(path.join(dir, 'timer.json'), '{"version":1,"running":{"id":"x"');
      const events = new EventLog();
      const time = await open(events);
      assert.equal(time.current(), null);
      assert.equal(events.recovered.length, 1);
      assert.equal(fs.readFileSync(events.recovered[0].movedTo, 'utf8'), '{"version":1,"running":{"id":"x"');
    });
  });
});
