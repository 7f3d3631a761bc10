import assert from 'node:assert/strict';
import fc from 'fast-check';
import { judgeRunningEntry, type CrashCheck, type TimerDriver } from '../../../src/core/crash';
import { entry } from './entries';
import { MINUTE } from './timeZone';

const SECOND = 1000;
const nine = Date.UTC(2024, 4, 15, 9);
const here = { pid: 100, host: 'laptop' };
const alivePids = new Set([100, 200]);

function check(driver: TimerDriver | null, heartbeatAgoMs: number, over: Partial<CrashCheck> = {}): CrashCheck {
  const now = nine + 30 * MINUTE;
  return {
    running: entry('run', 'technical', nine, null, { heartbeat: now - heartbeatAgoMs }),
    driver, now, here,
    isProcessAlive: (pid) => alivePids.has(pid),
    staleAfterMs: 3 * MINUTE,
    handOverMs: MINUTE,
    ...over,
  };
}

describe('judgeRunningEntry (crash or live window)', () => {
  it('a dead driver on this host crashed, however fresh its heartbeat: closed at that heartbeat', () => {
    // The reported case: VS Code killed and back within 3 minutes counted the gap as worked.
    for (const ago of [0, 5 * SECOND, 59 * SECOND, 150 * SECOND, 25 * MINUTE]) {
      const c = check({ pid: 999, host: 'laptop' }, ago);
      assert.deepEqual(judgeRunningEntry(c), { kind: 'crashed', closeAt: c.now - ago }, `heartbeat ${ago} ms ago`);
    }
  });

  it('a live driver (another window, or this one) keeps its entry, even with an old heartbeat (idle lead)', () => {
    assert.deepEqual(judgeRunningEntry(check({ pid: 200, host: 'laptop' }, 2 * 60 * MINUTE)), { kind: 'alive' });
    assert.deepEqual(judgeRunningEntry(check({ pid: 100, host: 'laptop' }, 2 * 60 * MINUTE)), { kind: 'alive' });
  });

  it('a driver that closed cleanly moments ago (a reload) hands over; long ago, its entry is closed at the heartbeat', () => {
    const now = nine + 30 * MINUTE;
    assert.deepEqual(judgeRunningEntry(check({ pid: 999, host: 'laptop', releasedAt: now - 5 * SECOND }, 30 * SECOND)), { kind: 'handed-over' });
    assert.deepEqual(judgeRunningEntry(check({ pid: 999, host: 'laptop', releasedAt: now - 10 * MINUTE }, 11 * MINUTE)),
      { kind: 'crashed', closeAt: now - 11 * MINUTE });
    // Released, even if the process lives on (extension disabled): the release is what counts.
    assert.deepEqual(judgeRunningEntry(check({ pid: 200, host: 'laptop', releasedAt: now - 10 * MINUTE }, 11 * MINUTE)).kind, 'crashed');
    // A release "in the future" (clocks) is not a hand-over.
    assert.deepEqual(judgeRunningEntry(check({ pid: 999, host: 'laptop', releasedAt: now + MINUTE }, 0)).kind, 'crashed');
  });

  it('a driver on another host, or none, is judged by the heartbeat age', () => {
    for (const driver of [{ pid: 999, host: 'desktop' }, null]) {
      assert.deepEqual(judgeRunningEntry(check(driver, 2 * MINUTE)), { kind: 'alive' });
      assert.equal(judgeRunningEntry(check(driver, 3 * MINUTE)).kind, 'crashed');
    }
  });

  it('never closes an entry after its last sign of life, nor before its start', () => {
    fc.assert(fc.property(
      fc.integer({ min: 0, max: 10 * 60 * MINUTE }), fc.integer({ min: -60 * MINUTE, max: 60 * MINUTE }),
      fc.option(fc.record({ pid: fc.constantFrom(100, 200, 999), host: fc.constantFrom('laptop', 'desktop'), releasedAt: fc.option(fc.integer({ min: 0, max: 60 * MINUTE }), { nil: undefined }) }), { nil: null }),
      (ago, heartbeatOffset, driver) => {
        const now = nine + 10 * 60 * MINUTE;
        const running = entry('run', 'technical', now - ago, null, { heartbeat: now - ago + heartbeatOffset });
        const d = driver && (driver.releasedAt === undefined ? { pid: driver.pid, host: driver.host } : { ...driver, releasedAt: now - driver.releasedAt });
        const verdict = judgeRunningEntry({ ...check(d, 0), running, now });
        if (verdict.kind !== 'crashed') return;
        assert.ok(verdict.closeAt >= running.start);
        assert.equal(verdict.closeAt, Math.max(running.start, running.heartbeat!));
      },
    ));
  });
});
