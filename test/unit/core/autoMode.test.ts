import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  AutoModeDecider, EDIT_GAP_MS, initialAutoModeState, nextAutoMode,
  type AutoModeEvent, type AutoModeOptions, type AutoModeProposal, type AutoModeSetting, type AutoModeState, type ManagerialSignal,
} from '../../../src/core/autoMode';
import type { Mode } from '../../../src/core/timeEntry';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 10, 30, 8);
const options = (setting: AutoModeSetting = 'switch', autoMinutes = 5): AutoModeOptions => ({ setting, autoMinutes });

/** A decider that has seen `mode` since long ago (no cooldown from it). */
function decider(mode: Mode | null, setting: AutoModeSetting = 'switch', autoMinutes = 5) {
  return new AutoModeDecider(initialAutoModeState(mode, T0 - 60 * MINUTE), options(setting, autoMinutes));
}

/** Edits every `everyMs` from `from` to `to` (both included); the proposals they raise. */
function editFor(d: AutoModeDecider, from: number, to: number, everyMs = 30_000): AutoModeProposal[] {
  const out: AutoModeProposal[] = [];
  for (let t = from; t <= to; t += everyMs) {
    const p = d.handle({ kind: 'edit', at: t });
    if (p) out.push(p);
  }
  return out;
}

describe('auto mode decisions', () => {
  it('switches to Technical after autoMinutes of edits while Managerial', () => {
    const d = decider('managerial');
    assert.deepEqual(editFor(d, T0, T0 + 4.5 * MINUTE), [], 'not before autoMinutes');
    const p = d.handle({ kind: 'edit', at: T0 + 5 * MINUTE });
    assert.deepEqual(p, { action: 'switch', from: 'managerial', to: 'technical', signal: 'edits', at: T0 + 5 * MINUTE });
  });

  it('suggests Technical after autoMinutes of edits while Managerial in "suggest"', () => {
    const suggested = editFor(decider('managerial', 'suggest'), T0, T0 + 5 * MINUTE);
    assert.deepEqual(suggested.map((p) => [p.action, p.from, p.to]), [['suggest', 'managerial', 'technical']]);
  });

  it('never starts a stopped (or paused) timer: an evening of edits proposes nothing, in either setting', () => {
    for (const setting of ['switch', 'suggest'] as const) {
      const d = decider(null, setting);
      assert.deepEqual(editFor(d, T0, T0 + 4 * 60 * MINUTE), [], setting);
      assert.equal(d.state.streak, null, 'no streak is even counted while no timer runs');
    }
  });

  it('a streak counted while Managerial does not carry over a stop: the lead starts again from nothing', () => {
    const d = decider('managerial');
    editFor(d, T0, T0 + 4 * MINUTE);
    d.handle({ kind: 'mode', at: T0 + 4 * MINUTE, mode: null });
    assert.deepEqual(editFor(d, T0 + 4.5 * MINUTE, T0 + 30 * MINUTE), []);
  });

  it('does nothing when off', () => {
    const d = decider('managerial', 'off');
    assert.deepEqual(editFor(d, T0, T0 + 30 * MINUTE), []);
    d.handle({ kind: 'mode', at: T0 + 31 * MINUTE, mode: 'technical', since: T0 - 60 * MINUTE });
    assert.equal(d.handle({ kind: 'view', at: T0 + 60 * MINUTE, signal: 'morning-review' }), null);
  });

  it('restarts the streak after a gap longer than EDIT_GAP_MS', () => {
    const d = decider('managerial');
    assert.equal(d.handle({ kind: 'edit', at: T0 }), null);
    const restart = T0 + EDIT_GAP_MS + 1;
    assert.deepEqual(editFor(d, restart, T0 + 5 * MINUTE), [], 'the streak began again after the gap');
    assert.equal(editFor(d, T0 + 5.5 * MINUTE, restart + 5.5 * MINUTE).length, 1);
  });

  it('edits while Technical never propose anything', () => {
    assert.deepEqual(editFor(decider('technical'), T0, T0 + 60 * MINUTE), []);
  });

  it('a managerial view while Technical switches to Managerial; while Managerial or Paused it does nothing', () => {
    assert.deepEqual(decider('technical').handle({ kind: 'view', at: T0, signal: 'review-queue' }),
      { action: 'switch', from: 'technical', to: 'managerial', signal: 'review-queue', at: T0 });
    assert.equal(decider('managerial').handle({ kind: 'view', at: T0, signal: 'review-queue' }), null);
    assert.equal(decider(null).handle({ kind: 'view', at: T0, signal: 'checkout' }), null);
  });

  it('waits autoMinutes after a change of mode by the lead', () => {
    const d = decider('managerial');
    d.handle({ kind: 'mode', at: T0, mode: 'technical', since: T0 });
    assert.equal(d.handle({ kind: 'view', at: T0 + 4 * MINUTE, signal: 'morning-review' }), null);
    assert.ok(d.handle({ kind: 'view', at: T0 + 5 * MINUTE, signal: 'morning-review' }));
  });

  it('makes at most one automatic change per autoMinutes, here or in another window', () => {
    const d = decider('technical');
    assert.ok(d.handle({ kind: 'view', at: T0, signal: 'review-queue' }));
    // The store refused (another window had switched back): the decider hears the mode and the record.
    d.handle({ kind: 'auto-recorded', at: T0 + MINUTE });
    assert.equal(d.handle({ kind: 'view', at: T0 + 5 * MINUTE, signal: 'review-queue' }), null, 'another window changed it at T0+1m');
    assert.ok(d.handle({ kind: 'view', at: T0 + 6 * MINUTE, signal: 'review-queue' }));
  });

  it('never decides while the idle question is open, and the streak starts over after it', () => {
    const d = decider('managerial');
    editFor(d, T0, T0 + 4 * MINUTE);
    d.handle({ kind: 'idle-prompt', at: T0 + 4 * MINUTE, open: true });
    assert.deepEqual(editFor(d, T0 + 4.5 * MINUTE, T0 + 20 * MINUTE), []);
    d.handle({ kind: 'mode', at: T0 + 20 * MINUTE, mode: 'technical', since: T0 - 60 * MINUTE });
    assert.equal(d.handle({ kind: 'view', at: T0 + 21 * MINUTE, signal: 'morning-review' }), null, 'idle question still open');
    d.handle({ kind: 'idle-prompt', at: T0 + 22 * MINUTE, open: false });
    assert.ok(d.handle({ kind: 'view', at: T0 + 22 * MINUTE, signal: 'morning-review' }));
  });

  it('a clock set back never shortens the wait', () => {
    const d = decider('technical');
    assert.ok(d.handle({ kind: 'view', at: T0, signal: 'review-queue' }));
    d.handle({ kind: 'mode', at: T0, mode: 'technical', since: T0 - 60 * MINUTE });
    assert.equal(d.handle({ kind: 'view', at: T0 - 60 * MINUTE, signal: 'review-queue' }), null);
  });
});

/** Random interleavings of every kind of signal, at non-decreasing times (with a few clock jumps back). */
const events = (): fc.Arbitrary<AutoModeEvent[]> => {
  const step = fc.record({
    dt: fc.oneof(fc.integer({ min: 0, max: 90_000 }), fc.integer({ min: 0, max: 15 * MINUTE }), fc.constant(-10 * MINUTE)),
    what: fc.oneof(
      { weight: 8, arbitrary: fc.constant({ kind: 'edit' as const }) },
      { weight: 2, arbitrary: fc.constantFrom<ManagerialSignal>('morning-review', 'review-queue', 'checkout', 'one-on-one').map((signal) => ({ kind: 'view' as const, signal })) },
      { weight: 2, arbitrary: fc.constantFrom<Mode | null>('technical', 'managerial', null).map((mode) => ({ kind: 'mode' as const, mode })) },
      { weight: 1, arbitrary: fc.boolean().map((open) => ({ kind: 'idle-prompt' as const, open })) },
      { weight: 1, arbitrary: fc.constant({ kind: 'auto-recorded' as const }) },
    ),
  });
  return fc.array(step, { maxLength: 120 }).map((steps) => {
    let t = T0;
    return steps.map(({ dt, what }) => {
      t += dt;
      return { ...what, at: t } as AutoModeEvent;
    });
  });
};

interface Run {
  readonly setting: AutoModeSetting;
  readonly autoMinutes: number;
  readonly decisions: { readonly before: AutoModeState; readonly proposal: AutoModeProposal }[];
}

/** Runs the events, applying a switch proposal to the mode as the shell would when the store lets it. */
function run(list: readonly AutoModeEvent[], setting: AutoModeSetting, autoMinutes: number, start: Mode | null): Run {
  let state = initialAutoModeState(start, T0);
  const decisions: Run['decisions'][number][] = [];
  for (const event of list) {
    const before = state;
    const result = nextAutoMode(state, event, { setting, autoMinutes });
    state = result.state;
    if (result.proposal) {
      decisions.push({ before, proposal: result.proposal });
      if (result.proposal.action === 'switch') state = nextAutoMode(state, { kind: 'mode', at: event.at, mode: result.proposal.to, since: event.at }, { setting, autoMinutes }).state;
    }
  }
  return { setting, autoMinutes, decisions };
}

describe('auto mode decisions (properties)', () => {
  const arbitraryRun = fc.record({
    list: events(),
    setting: fc.constantFrom<AutoModeSetting>('off', 'suggest', 'switch'),
    autoMinutes: fc.integer({ min: 1, max: 15 }),
    start: fc.constantFrom<Mode | null>('technical', 'managerial', null),
  });

  it('never flip-flops: automatic changes are at least autoMinutes apart, whatever the interleaving', () => {
    fc.assert(fc.property(arbitraryRun, ({ list, setting, autoMinutes, start }) => {
      const { decisions } = run(list, setting, autoMinutes, start);
      for (let i = 1; i < decisions.length; i++) {
        const gap = decisions[i]!.proposal.at - decisions[i - 1]!.proposal.at;
        assert.ok(gap >= autoMinutes * MINUTE, `two decisions ${gap} ms apart`);
      }
    }), { numRuns: 500 });
  });

  it('is silent when off, and never decides while the idle question is open', () => {
    fc.assert(fc.property(arbitraryRun, ({ list, setting, autoMinutes, start }) => {
      const { decisions } = run(list, setting, autoMinutes, start);
      if (setting === 'off') assert.equal(decisions.length, 0);
      for (const d of decisions) assert.equal(d.before.idlePromptOpen, false);
    }), { numRuns: 500 });
  });

  it('always proposes a different mode, in the setting\'s way, never within autoMinutes of a change of mode', () => {
    fc.assert(fc.property(arbitraryRun, ({ list, setting, autoMinutes, start }) => {
      for (const { before, proposal } of run(list, setting, autoMinutes, start).decisions) {
        assert.notEqual(proposal.to, before.mode);
        assert.equal(proposal.from, before.mode);
        assert.notEqual(before.mode, null, 'never from a stopped or paused timer');
        assert.equal(proposal.action, setting === 'switch' ? 'switch' : 'suggest');
        assert.ok(proposal.at - before.modeSince >= autoMinutes * MINUTE);
        if (proposal.signal === 'edits') {
          assert.equal(proposal.to, 'technical');
          assert.ok(before.streak && proposal.at - before.streak.since >= autoMinutes * MINUTE, 'a long enough streak');
        } else {
          assert.deepEqual([before.mode, proposal.to], ['technical', 'managerial']);
        }
      }
    }), { numRuns: 500 });
  });

  it('a stopped timer stays stopped: whatever happens, no proposal while nothing runs', () => {
    fc.assert(fc.property(arbitraryRun, ({ list, setting, autoMinutes }) => {
      // Every 'mode' event is a stop: the timer never runs.
      const stopped = list.map((e) => (e.kind === 'mode' ? { ...e, mode: null } : e));
      assert.deepEqual(run(stopped, setting, autoMinutes, null).decisions, []);
    }), { numRuns: 500 });
  });

  it('still acts once the waits are over: a managerial view after autoMinutes of quiet switches', () => {
    fc.assert(fc.property(arbitraryRun, ({ list, autoMinutes, start }) => {
      let state = initialAutoModeState(start, T0);
      for (const event of list) state = nextAutoMode(state, event, options('switch', autoMinutes)).state;
      state = nextAutoMode(state, { kind: 'idle-prompt', at: state.latest, open: false }, options('switch', autoMinutes)).state;
      state = nextAutoMode(state, { kind: 'mode', at: state.latest, mode: 'technical' }, options('switch', autoMinutes)).state;
      const at = Math.max(state.latest, state.modeSince, state.lastAutoAt ?? 0) + autoMinutes * MINUTE;
      assert.equal(nextAutoMode(state, { kind: 'view', at, signal: 'morning-review' }, options('switch', autoMinutes)).proposal?.to, 'managerial');
    }), { numRuns: 300 });
  });
});
