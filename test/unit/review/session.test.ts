/** A review in progress: what is new against the last review, and what gets saved. */
import assert from 'node:assert/strict';
import { reminderDue } from '../../../src/review/history';
import type { SectionData } from '../../../src/review/protocol';
import { ReviewSession } from '../../../src/review/session';
import type { MorningReview } from '../../../src/store/reviewHistoryStore';

const incidents = (ids: string[]) => ({
  data: { kind: 'incidents', items: [], members: [], dueChoices: [] } as SectionData, ids, counts: { total: ids.length },
});

describe('review: session', () => {
  const previous: MorningReview = {
    id: 'r1', finishedAt: 1,
    sections: {
      incidents: { checked: true, seen: ['a', 'b'], counts: {}, notes: '' },
      milestones: { checked: false, seen: ['m1'], counts: {}, notes: 'watch v2.4' },
    },
  };

  it('marks nothing new on a first review', () => {
    const s = new ReviewSession(null);
    s.ready('incidents', s.startLoad('incidents'), incidents(['a', 'c']));
    const view = s.states().find((x) => x.id === 'incidents')!.view;
    assert.equal(view.status, 'ready');
    assert.deepEqual(view.status === 'ready' && view.newIds, []);
  });

  it('marks items not seen last time as new, and saves seen ids, checks and notes', () => {
    const s = new ReviewSession(previous);
    s.ready('incidents', s.startLoad('incidents'), incidents(['c', 'a']));
    s.setChecked('incidents', true);
    s.setNotes('incidents', '  escalated the EU outage ');
    s.fail('milestones', s.startLoad('milestones'), 'GitHub had a server error (500)');
    const view = s.states().find((x) => x.id === 'incidents')!.view;
    assert.deepEqual(view.status === 'ready' && view.newIds, ['c']);
    assert.equal(s.doneCount, 1);
    const record = s.toRecord(99);
    assert.equal(record.finishedAt, 99);
    assert.deepEqual(record.sections.incidents, { checked: true, seen: ['c', 'a'], counts: { total: 2 }, notes: 'escalated the EU outage' });
    assert.deepEqual(record.sections.milestones!.seen, ['m1'], 'a section that failed carries the previous seen ids forward');
    assert.deepEqual(Object.keys(record.sections).sort(), ['communication', 'incidents', 'milestones', 'plan', 'systems', 'team']);
  });

  it('ignores the result of a load that a newer load replaced', () => {
    const s = new ReviewSession(null);
    const first = s.startLoad('incidents');
    const second = s.startLoad('incidents');
    assert.equal(s.ready('incidents', first, incidents(['old'])), false);
    assert.equal(s.ready('incidents', second, incidents(['new'])), true);
  });

  it('restores checks and notes from today\'s draft', () => {
    const s = new ReviewSession(null, { date: '2025-06-11', checked: { plan: true }, notes: { team: 'mira out Friday' } });
    const team = s.states().find((x) => x.id === 'team')!;
    assert.equal(team.notes, 'mira out Friday');
    assert.equal(s.doneCount, 1);
    assert.deepEqual(s.draft('2025-06-11'), { date: '2025-06-11', checked: { plan: true }, notes: { team: 'mira out Friday' } });
  });
});

describe('review: reminder', () => {
  const wed = (hh: number, mm = 0) => new Date(2025, 5, 11, hh, mm).getTime();
  const base = { reminderTime: '09:30', workingDays: [1, 2, 3, 4, 5], reviewedToday: false, remindedOn: undefined };
  it('is due after the reminder time on a working day without a review', () => {
    assert.equal(reminderDue({ ...base, now: wed(9, 29) }), false);
    assert.equal(reminderDue({ ...base, now: wed(9, 30) }), true);
    assert.equal(reminderDue({ ...base, now: wed(11) }), true);
  });
  it('is not due when reviewed, already reminded, unset or on a day off', () => {
    assert.equal(reminderDue({ ...base, now: wed(11), reviewedToday: true }), false);
    assert.equal(reminderDue({ ...base, now: wed(11), remindedOn: '2025-06-11' }), false);
    assert.equal(reminderDue({ ...base, now: wed(11), reminderTime: '' }), false);
    assert.equal(reminderDue({ ...base, now: new Date(2025, 5, 14, 11).getTime() }), false, 'Saturday');
  });
});
