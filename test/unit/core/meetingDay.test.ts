import assert from 'node:assert/strict';
import type { Meeting } from '../../../src/core/calendar';
import {
  attendeeIsLogin, followMeetings, freeBlocks, joinSpans, meetingAt, nextMeetingBoundary, nextMeetingWake, nextMeetingWith, NO_MEETING, planLine,
  planTheDay, planVerdict, type MeetingModeInput, type MeetingModeState,
} from '../../../src/core/meetingDay';
import type { BusinessHours } from '../../../src/core/businessHours';
import type { Mode } from '../../../src/core/timeEntry';
import { at, HOUR, inTimeZone, MINUTE } from './timeZone';

const NINE_TO_FIVE: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };
const EVERY_DAY: BusinessHours = { days: [0, 1, 2, 3, 4, 5, 6], start: '09:00', end: '17:00' };

function meeting(start: number, end: number, extra: Partial<Meeting> = {}): Meeting {
  return { key: `m@${start}`, start, end, ...extra };
}

describe('meetingAt and nextMeetingBoundary', () => {
  const t = at('2026-12-07T10:00:00Z');
  const planning = meeting(t, t + HOUR, { title: 'Sprint planning' });
  const standup = meeting(t + 15 * MINUTE, t + 30 * MINUTE, { title: 'Standup' });

  it('is the meeting begun last when two overlap, and none between meetings', () => {
    assert.equal(meetingAt([planning, standup], t + 5 * MINUTE)?.title, 'Sprint planning');
    assert.equal(meetingAt([standup, planning], t + 20 * MINUTE)?.title, 'Standup');
    assert.equal(meetingAt([planning, standup], t + 30 * MINUTE)?.title, 'Sprint planning', 'the standup ended at :30 sharp');
    assert.equal(meetingAt([planning, standup], t + HOUR), undefined, 'a meeting ends at its end');
    assert.equal(meetingAt([planning], t - 1), undefined);
  });

  it('wakes the timer at the next start or end, never at one already past', () => {
    assert.equal(nextMeetingBoundary([planning, standup], t - HOUR), t);
    assert.equal(nextMeetingBoundary([planning, standup], t), t + 15 * MINUTE);
    assert.equal(nextMeetingBoundary([planning, standup], t + 20 * MINUTE), t + 30 * MINUTE);
    assert.equal(nextMeetingBoundary([planning, standup], t + 30 * MINUTE), t + HOUR);
    assert.equal(nextMeetingBoundary([planning, standup], t + HOUR), undefined, 'nothing left: no wake-up at all');
  });

  it('wakes the timer at most once a minute, however close the boundaries, and never with no meeting ahead', () => {
    // 30 ten-second meetings back to back: a boundary every 10 seconds for 5 minutes.
    const crowded = Array.from({ length: 30 }, (_, i) => meeting(t + i * 10_000, t + (i + 1) * 10_000));
    const wakes: number[] = [];
    for (let now = t - MINUTE, last = -Infinity; wakes.length < 20;) {
      const wake = nextMeetingWake(crowded, now, last);
      if (wake === undefined) break;
      wakes.push(wake);
      now = last = wake;
    }
    assert.equal(wakes[0], t, 'the first boundary, on time');
    assert.ok(wakes.every((w, i) => i === 0 || w - wakes[i - 1]! >= MINUTE), wakes.map((w) => w - t).join(', '));
    assert.equal(wakes.length, 6, 'at 0, 1, 2, 3, 4 and 5 minutes: then nothing is left');
    assert.equal(nextMeetingWake([], t, -Infinity), undefined, 'no meetings: no wake-up');
    assert.equal(nextMeetingWake([planning], t + HOUR, t), undefined, 'all past: no wake-up');
  });

  it('joins meetings closer than the gap', () => {
    const a = { start: 0, end: 30 * MINUTE };
    const b = { start: 35 * MINUTE, end: HOUR };
    assert.deepEqual(joinSpans([b, a], 10 * MINUTE), [{ start: 0, end: HOUR }]);
    assert.deepEqual(joinSpans([a, b], 5 * MINUTE), [a, b], 'five minutes apart is not closer than five minutes');
  });
});

describe('followMeetings (the timer follows the day)', () => {
  const t = at('2026-12-07T10:00:00Z');
  const spans = [{ start: t, end: t + HOUR }];
  const input = (now: number, mode: Mode | null, extra: Partial<MeetingModeInput> = {}): MeetingModeInput =>
    ({ now, spans, mode, startedByMeeting: false, setting: 'switch', joinGapMs: 10 * MINUTE, ...extra });
  /** Runs the looks in order; returns every proposal (null where none). */
  function run(looks: readonly MeetingModeInput[], from: MeetingModeState = NO_MEETING) {
    let state = from;
    return looks.map((look) => {
      const step = followMeetings(state, look);
      state = step.state;
      return step.proposal ? `${step.proposal.action} ${step.proposal.from}→${step.proposal.to} (${step.proposal.signal})` : null;
    });
  }

  it('switches Technical to Managerial at the start and back at the end', () => {
    assert.deepEqual(run([
      input(t - MINUTE, 'technical'),
      input(t, 'technical'),
      input(t + 30 * MINUTE, 'managerial'),
      input(t + HOUR, 'managerial'),
      input(t + HOUR + MINUTE, 'technical'),
    ]), [null, 'switch technical→managerial (meeting)', null, 'switch managerial→technical (meeting-end)', null]);
  });

  it('only suggests in "suggest" mode, and does nothing when off', () => {
    assert.deepEqual(run([input(t, 'technical', { setting: 'suggest' }), input(t + 1, 'managerial', { setting: 'suggest' }), input(t + HOUR, 'managerial', { setting: 'suggest' })]),
      ['suggest technical→managerial (meeting)', null, 'suggest managerial→technical (meeting-end)']);
    assert.deepEqual(run([input(t, 'technical', { setting: 'off' }), input(t + HOUR, 'technical', { setting: 'off' })]), [null, null]);
  });

  it('an ignored suggestion leaves nothing to return to', () => {
    assert.deepEqual(run([input(t, 'technical', { setting: 'suggest' }), input(t + HOUR, 'technical', { setting: 'suggest' })]),
      ['suggest technical→managerial (meeting)', null]);
  });

  it('leaves the end alone when the lead changed the mode during the meeting', () => {
    // Paused and started Managerial again by hand.
    assert.deepEqual(run([input(t, 'technical'), input(t + 1, 'managerial'), input(t + 10 * MINUTE, null), input(t + 20 * MINUTE, 'managerial'), input(t + HOUR, 'managerial')]),
      ['switch technical→managerial (meeting)', null, null, null, null]);
    // Went back to Technical, then Managerial again.
    assert.deepEqual(run([input(t, 'technical'), input(t + 1, 'managerial'), input(t + 10 * MINUTE, 'technical'), input(t + 20 * MINUTE, 'managerial'), input(t + HOUR, 'managerial')]),
      ['switch technical→managerial (meeting)', null, null, null, null]);
  });

  it('never starts a paused timer and leaves Managerial as it is', () => {
    assert.deepEqual(run([input(t, null), input(t + HOUR, null)]), [null, null]);
    assert.deepEqual(run([input(t, 'managerial'), input(t + HOUR, 'managerial')]), [null, null], 'Managerial before the meeting stays Managerial after it');
  });

  it('a window opened during the meeting after the switch still returns to Technical at its end', () => {
    assert.deepEqual(run([input(t + 20 * MINUTE, 'managerial', { startedByMeeting: true }), input(t + HOUR, 'managerial', { startedByMeeting: true })]),
      [null, 'switch managerial→technical (meeting-end)']);
    assert.deepEqual(run([input(t + 20 * MINUTE, 'technical'), input(t + 20 * MINUTE + 1, 'managerial', { startedByMeeting: true }), input(t + HOUR, 'managerial')]),
      ['switch technical→managerial (meeting)', null, 'switch managerial→technical (meeting-end)'], 'opened during it while Technical');
  });

  it('does not switch back and forth for a short gap between two meetings, and follows a moved end', () => {
    const two = [{ start: t, end: t + 30 * MINUTE }, { start: t + 35 * MINUTE, end: t + HOUR }];
    assert.deepEqual(run([input(t, 'technical', { spans: two }), input(t + 1, 'managerial', { spans: two }), input(t + 31 * MINUTE, 'managerial', { spans: two }), input(t + HOUR, 'managerial', { spans: two })]),
      ['switch technical→managerial (meeting)', null, null, 'switch managerial→technical (meeting-end)']);
    const longer = [{ start: t, end: t + 2 * HOUR }];
    assert.deepEqual(run([input(t, 'technical'), input(t + 1, 'managerial', { spans: longer }), input(t + HOUR, 'managerial', { spans: longer }), input(t + 2 * HOUR, 'managerial', { spans: longer })]),
      ['switch technical→managerial (meeting)', null, null, 'switch managerial→technical (meeting-end)']);
  });
});

for (const zone of ['Europe/Berlin', 'America/New_York']) {
  inTimeZone(zone, () => {
    /** A local wall time in the zone under test, as an instant. */
    const local = (date: string, time: string) => new Date(`${date}T${time}:00`).getTime();

    describe('freeBlocks and planTheDay', () => {
      const day = '2026-12-07'; // a Monday
      const meetings = () => [
        meeting(local(day, '10:30'), local(day, '12:00'), { title: 'Sprint planning' }),
        meeting(local(day, '11:30'), local(day, '13:00'), { title: 'Architecture' }),
        meeting(local(day, '13:30'), local(day, '16:00'), { title: 'Incident review' }),
        meeting(local(day, '16:30'), local(day, '18:00'), { title: 'Hiring' }),
      ];

      it('lists the free blocks of 30 minutes or more within working hours and whether the target fits', () => {
        const plan = planTheDay({ meetings: meetings(), hours: NINE_TO_FIVE, now: local(day, '07:45'), targetPercent: 50, technicalDoneMs: 0 });
        assert.equal(planLine(plan, 'en-GB'), 'Technical target 4h — 2h 30m free in 3 blocks: 09:00–10:30, 13:00–13:30, 16:00–16:30');
        assert.equal(plan.fits, false);
        assert.equal(planVerdict(plan), '1h 30m short: move a meeting or lower today\'s target.');
        assert.deepEqual(plan.meetings.map((m) => m.title), ['Sprint planning', 'Architecture', 'Incident review', 'Hiring']);
        const light = planTheDay({ meetings: meetings(), hours: NINE_TO_FIVE, now: local(day, '07:45'), targetPercent: 25, technicalDoneMs: 0 });
        assert.equal(light.fits, true);
        assert.equal(planVerdict(light), 'It fits.');
      });

      it('does not count time already past, and starts a block under way at the next minute', () => {
        const now = local(day, '09:40') + 20_000;
        assert.deepEqual(freeBlocks(meetings(), NINE_TO_FIVE, now), [
          { start: local(day, '09:41'), end: local(day, '10:30') },
          { start: local(day, '13:00'), end: local(day, '13:30') },
          { start: local(day, '16:00'), end: local(day, '16:30') },
        ]);
        assert.deepEqual(freeBlocks(meetings(), NINE_TO_FIVE, local(day, '10:05')).map((b) => b.start), [local(day, '13:00'), local(day, '16:00')], 'less than 30 minutes left before 10:30');
        const plan = planTheDay({ meetings: meetings(), hours: NINE_TO_FIVE, now: local(day, '13:10'), targetPercent: 50, technicalDoneMs: 3 * HOUR });
        assert.equal(planLine(plan, 'en-GB'), 'Technical target 4h (3h done) — 30m free in 1 block: 16:00–16:30');
        assert.equal(planVerdict(plan), '30m short: move a meeting or lower today\'s target.');
        assert.deepEqual(freeBlocks(meetings(), NINE_TO_FIVE, local(day, '17:00')), [], 'the working day is over');
      });

      it('has no blocks and no target on a day off', () => {
        const sunday = local('2026-12-06', '10:00');
        assert.deepEqual(freeBlocks([], NINE_TO_FIVE, sunday), []);
        const plan = planTheDay({ meetings: [], hours: NINE_TO_FIVE, now: sunday, targetPercent: 60, technicalDoneMs: 0 });
        assert.equal(plan.workingDay, false);
        assert.equal(planLine(plan, 'en-GB'), 'Not a working day: no technical target today.');
      });

      it('works on both sides of midnight: hours to 24:00, and a meeting across it belongs to both days', () => {
        const late: BusinessHours = { days: EVERY_DAY.days, start: '20:00', end: '24:00' };
        const across = meeting(local('2026-12-07', '23:30'), local('2026-12-08', '00:30'), { title: 'Follow the sun' });
        const evening = meeting(local('2026-12-07', '21:00'), local('2026-12-07', '22:00'), { title: 'Evening' });
        assert.deepEqual(freeBlocks([across, evening], late, local('2026-12-07', '22:10')), [{ start: local('2026-12-07', '22:10'), end: local('2026-12-07', '23:30') }]);
        assert.deepEqual(freeBlocks([across], late, local('2026-12-07', '23:45')), []);
        const after = planTheDay({ meetings: [across, evening], hours: late, now: local('2026-12-08', '00:10'), targetPercent: 50, technicalDoneMs: 0 });
        assert.deepEqual(after.meetings.map((m) => m.title), ['Follow the sun'], 'yesterday evening\'s meeting is not today\'s');
        assert.deepEqual(after.blocks, [{ start: local('2026-12-08', '20:00'), end: local('2026-12-08', '24:00') }]);
      });
    });

    describe('freeBlocks in the week the clocks change', () => {
      // Europe changes on 2024-03-31, the United States on 2024-03-10 (both Sundays).
      const change = zone === 'Europe/Berlin' ? '2024-03-31' : '2024-03-10';

      it('keeps 09:00–17:00 at 8 hours and places blocks by wall-clock time on the day of the change', () => {
        const meetings = [meeting(local(change, '10:00'), local(change, '11:00')), meeting(local(change, '15:00'), local(change, '16:00'))];
        const blocks = freeBlocks(meetings, EVERY_DAY, local(change, '08:00'));
        assert.deepEqual(blocks.map((b) => [new Date(b.start).getHours(), new Date(b.end).getHours()]), [[9, 10], [11, 15], [16, 17]]);
        assert.deepEqual(blocks.map((b) => (b.end - b.start) / HOUR), [1, 4, 1]);
        const plan = planTheDay({ meetings, hours: EVERY_DAY, now: local(change, '08:00'), targetPercent: 50, technicalDoneMs: 0 });
        assert.equal(plan.targetMs, 4 * HOUR, 'half of an 8-hour working day, though the day has 23 hours');
        assert.equal(planLine(plan, 'en-GB'), 'Technical target 4h — 6h free in 3 blocks: 09:00–10:00, 11:00–15:00, 16:00–17:00');
      });
    });
  });
}

describe('nextMeetingWith (1:1)', () => {
  const t = at('2026-12-07T10:00:00Z');
  const meetings = [
    meeting(t - HOUR, t - 30 * MINUTE, { title: 'Past 1:1', attendees: ['mira.k@corp.example', 'lead@corp.example'] }),
    meeting(t + 2 * HOUR, t + 3 * HOUR, { title: 'Team sync', attendees: ['mira_k+cal@corp.example', 'sam@corp.example'] }),
    meeting(t + HOUR, t + 2 * HOUR, { title: 'Design', attendees: ['sam@corp.example'] }),
    meeting(t + 4 * HOUR, t + 5 * HOUR, { title: 'No attendees kept' }),
  ];

  it('is the next meeting with the teammate among its attendees, matched by login', () => {
    assert.equal(nextMeetingWith(meetings, 'mira-k', t)?.title, 'Team sync');
    assert.equal(nextMeetingWith(meetings, 'Sam', t)?.title, 'Design');
    assert.equal(nextMeetingWith(meetings, 'mira-k', t - 45 * MINUTE)?.title, 'Past 1:1', 'under way counts as next');
    assert.equal(nextMeetingWith(meetings, 'nobody', t), undefined);
  });

  it('matches an address by its local part, a +tag and GitHub no-reply addresses, not by a prefix', () => {
    assert.equal(attendeeIsLogin('Mira.K@corp.example', 'mira-k'), true);
    assert.equal(attendeeIsLogin('123456+mira-k@users.noreply.github.com', 'mira-k'), true);
    assert.equal(attendeeIsLogin('mira@corp.example', 'mira-k'), false);
    assert.equal(attendeeIsLogin('mira-kate@corp.example', 'mira-k'), false);
    assert.equal(attendeeIsLogin('not an address', 'mira-k'), false);
    assert.equal(attendeeIsLogin('@corp.example', ''), false);
  });
});
