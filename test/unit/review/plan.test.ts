/** The Morning Review's "Plan the day" section: yesterday and this week as the balance counts them, meetings included. */
import assert from 'node:assert/strict';
import type { Meeting } from '../../../src/core/calendar';
import type { TimeEntry } from '../../../src/core/timeEntry';
import { loadPlan, type LocalContext } from '../../../src/review/localSections';
import { DEFAULT_SETTINGS, type LeadDeskSettings } from '../../../src/settings';
import { englishWords } from './englishWords';

describe('review: Plan the day', () => {
  // A Wednesday at noon, local: yesterday (Tuesday) was a working day, in this week.
  const at = (day: number, hour: number, minute = 0) => new Date(2026, 11, day, hour, minute).getTime();
  const now = at(9, 12);
  const memory = new Map<string, unknown>();
  const memento = { get: <T>(key: string) => memory.get(key) as T | undefined, update: (key: string, value: unknown) => { memory.set(key, value); return Promise.resolve(); } };
  const technical = (id: string, start: number, end: number): TimeEntry => ({ id, mode: 'technical', start, end, note: '' } as TimeEntry);

  const context = (entries: TimeEntry[], meetings: Meeting[] | undefined, settings: Partial<LeadDeskSettings> = {}): LocalContext => ({
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
    timeEntries: async (from, to) => entries.filter((e) => (e.end ?? now) > from && e.start < to),
    timerMode: () => null,
    ...(meetings ? { meetings: async () => meetings } : {}),
    memento, now: () => now, locale: 'en-GB', words: englishWords(),
  });

  it('counts yesterday\'s meeting as managerial time in yesterday\'s and the week\'s split, as the balance does', async () => {
    const entries = [technical('t1', at(8, 9), at(8, 11))];
    const standup: Meeting = { key: 'standup@2026-12-08', start: at(8, 10), end: at(8, 11), title: 'Standup' };
    const without = await loadPlan(context(entries, undefined));
    const withMeeting = await loadPlan(context(entries, [standup]));
    assert.equal(without.data.kind, 'plan');
    assert.equal(withMeeting.data.kind, 'plan');
    if (without.data.kind !== 'plan' || withMeeting.data.kind !== 'plan') return;
    assert.deepEqual([without.data.yesterday.technical, without.data.yesterday.managerial], ['2h 00m', '0m']);
    // The meeting wins (the default overlap rule): the hour it covers is counted once, as the meeting.
    assert.deepEqual([withMeeting.data.yesterday.technical, withMeeting.data.yesterday.managerial], ['1h 00m', '1h 00m']);
    assert.deepEqual([withMeeting.data.week.technical, withMeeting.data.week.managerial], ['1h 00m', '1h 00m']);
    assert.equal(withMeeting.counts?.weekManagerialMinutes, 60);
  });

  it('keeps the timer\'s time when the lead chose "timer wins"', async () => {
    const entries = [technical('t1', at(8, 9), at(8, 11))];
    const standup: Meeting = { key: 'standup@2026-12-08', start: at(8, 10), end: at(8, 11) };
    const plan = await loadPlan(context(entries, [standup], { calendarOverlap: 'timer' }));
    assert.equal(plan.data.kind, 'plan');
    if (plan.data.kind !== 'plan') return;
    assert.deepEqual([plan.data.yesterday.technical, plan.data.yesterday.managerial], ['2h 00m', '0m']);
  });

  it('an hour of a meeting with no timer running is an hour of managerial time', async () => {
    const plan = await loadPlan(context([], [{ key: 'review@2026-12-08', start: at(8, 14), end: at(8, 15, 30) }]));
    assert.equal(plan.data.kind, 'plan');
    if (plan.data.kind !== 'plan') return;
    assert.equal(plan.data.yesterday.managerial, '1h 30m');
    assert.equal(plan.data.yesterday.share, '0% technical');
  });
});
