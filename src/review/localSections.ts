/**
 * Loaders of the two sections built from local data: Team & reviews (the WorkModel snapshot and
 * the delegated tasks) and Plan the day (the time store). Free of `vscode`.
 */
import { subDays } from 'date-fns';
import { balanceAgainstTarget } from '../core/balance';
import type { Meeting } from '../core/calendar';
import { formatClock } from '../core/clock';
import { agentCountsText, agentPullLines } from '../core/agentWork';
import { isBotOrAgent } from '../core/aiReviews';
import { dueBucket } from '../core/dueDates';
import { meetingCredit } from '../core/calendarTime';
import { formatBlock, planLine, planTheDay, planVerdict } from '../core/meetingDay';
import { parseLocalDate, toLocalDate } from '../core/localDate';
import { summarizeQueue, waitingBusinessMs } from '../core/reviews';
import { memberLoad, teammates, type MemberLoad } from '../core/teamLoad';
import type { Mode, TimeEntry } from '../core/timeEntry';
import { dailyTotals, formatDuration, weekTotals, type ModeTotals } from '../core/timeline';
import { isWorkingDay } from '../core/workingDays';
import type { LeadDeskSettings } from '../settings';
import type { InboxSnapshot as WorkSnapshot } from '../inbox/inboxSnapshot';
import type { LastPassedStore } from './healthChecks';
import type { DayView, PersonItem, SplitView, TaskLine } from './protocol';
import type { LoadedSection } from './session';
import { StateKeys } from '../ids';
import { readState, writeState } from '../util/state';
import { fill } from '../core/fill';
import type { ReviewWords } from './words';

export interface LocalContext {
  settings(): LeadDeskSettings;
  timeEntries(from: number, to: number): Promise<TimeEntry[]>;
  timerMode(): Mode | null;
  /** Today's meetings from the connected calendars; absent (or undefined) when none is connected. */
  meetings?(from: number, to: number): Promise<Meeting[] | undefined>;
  readonly memento: LastPassedStore;
  now(): number;
  /** VS Code's display language, for the times shown. */
  readonly locale: string;
  /** The sentences, in that language. */
  readonly words: ReviewWords;
}


/**
 * The Team section. Coding agents (bots, and those named in leadDesk.team.agents) are never among
 * the people, even when listed in leadDesk.team.members: their PRs are counted apart (`agentWork`,
 * as the standup and the 1:1 count them), and an item handed only to agents is theirs, not a person's.
 */
export function loadTeam(snapshot: WorkSnapshot, settings: LeadDeskSettings, now: number, locale: string, words: ReviewWords): LoadedSection {
  const agentLines = agentPullLines(snapshot.delegatedIssues, snapshot.reviews, settings.teamAgents);
  // GraphQL names an app assignee without REST's `[bot]`: an agent is known by its PRs too.
  const agents = [...settings.teamAgents, ...agentLines.map((l) => l.agent)];
  const isAgent = (login: string) => isBotOrAgent(login, agents);
  const people = new Map<string, { overdue: TaskLine[]; dueToday: TaskLine[] }>();
  for (const member of settings.teamMembers) if (!isAgent(member)) people.set(member, { overdue: [], dueToday: [] });
  const agentsDue = { overdue: 0, dueToday: 0 };
  const add = (who: string, id: string, title: string, due: string | null | undefined) => {
    const bucket = dueBucket(due, now);
    if (bucket !== 'overdue' && bucket !== 'today') return;
    if (isAgent(who)) {
      agentsDue[bucket === 'overdue' ? 'overdue' : 'dueToday']++;
      return;
    }
    const entry = people.get(who) ?? { overdue: [], dueToday: [] };
    (bucket === 'overdue' ? entry.overdue : entry.dueToday).push({ id: `${id}:${bucket}`, title, due: due ?? '' });
    people.set(who, entry);
  };
  for (const task of snapshot.tasks) {
    if (!task.doneAt) add(task.assignee, `task:${task.id}`, task.title, task.due);
  }
  // GitHub items count under their first assignee who is a person; one handed only to agents is the agents'.
  for (const issue of snapshot.delegatedIssues) {
    add(issue.assignees.find((a) => !isAgent(a)) ?? issue.assignees[0] ?? 'unassigned', `issue:${issue.repo}#${issue.number}`, `${issue.repo}#${issue.number} ${issue.title}`, issue.due);
  }
  const members = new Set(settings.teamMembers);
  const items: PersonItem[] = [...people.entries()]
    // Team members in the configured order, then anyone else work was handed to.
    .sort(([a], [b]) => Number(!members.has(a)) - Number(!members.has(b)) || (members.has(a) ? 0 : a.localeCompare(b)))
    .map(([login, t]) => ({
      id: `person:${login}`, login,
      overdue: t.overdue.sort((x, y) => x.due.localeCompare(y.due)), dueToday: t.dueToday,
    }));
  const businessHours = settings.businessHours;
  const config = { slaHours: settings.slaHours, businessHours };
  const loads = new Map(teammates(snapshot.teamLoad ?? [], settings.teamAgents).map((m) => [m.login.toLowerCase(), memberLoad(m, now, config)]));
  const withLoad = (p: PersonItem): PersonItem => {
    const load = loads.get(p.login.toLowerCase());
    return load ? { ...p, reviewLoad: reviewLoadLine(load, words) } : p;
  };
  const summary = summarizeQueue(snapshot.reviews, now, config);
  const oldest = summary.oldest === null ? null
    : fill(words.oldestInQueue, `${summary.oldest.repo}#${summary.oldest.number} ${summary.oldest.title}`, formatDuration(waitingBusinessMs(summary.oldest, now, businessHours)));
  const notice = !snapshot.signedIn ? words.signInForQueue
    : snapshot.failure ? (snapshot.asOf === null ? snapshot.failure.describe() : fill(words.asOf, formatClock(snapshot.asOf, locale), snapshot.failure.describe()))
      : snapshot.asOf === null ? words.queueNotLoaded : null;
  const breaching = summary.breaching.map((r) => ({ id: `pr:${r.repo}#${r.number}`, text: `${r.repo}#${r.number} ${r.title}` }));
  const taskIds = items.flatMap((p) => [...p.overdue, ...p.dueToday].map((t) => t.id));
  const agentsDueText = agentsDue.overdue + agentsDue.dueToday > 0 ? fill(words.agentItemsDue, agentsDue.overdue, agentsDue.dueToday) : '';
  const agentWork = [agentLines.length > 0 ? agentCountsText(agentLines) : '', agentsDueText].filter(Boolean).join(' · ');
  return {
    data: { kind: 'team', people: items.map(withLoad), ...(agentWork ? { agentWork } : {}), queue: { count: summary.count, oldest, breaching, notice } },
    ids: [...taskIds, ...breaching.map((b) => b.id)],
    counts: {
      overdue: items.reduce((n, p) => n + p.overdue.length, agentsDue.overdue), dueToday: items.reduce((n, p) => n + p.dueToday.length, agentsDue.dueToday),
      reviewsWaiting: summary.count, breaching: breaching.length,
    },
  };
}

/** A member's review load in words for the Team section. */
export function reviewLoadLine(m: MemberLoad, words: ReviewWords): string {
  if (!m.exists) return words.notAUser;
  if (m.count === null) return words.reviewsNotLoaded;
  if (m.count === 0) return words.noReviewsWaiting;
  return [m.count === 1 ? words.reviewWaiting : fill(words.reviewsWaiting, m.count), fill(words.oldestWait, formatDuration(m.oldestWaitMs)),
    m.breaching ? fill(words.pastSla, m.breaching) : ''].filter(Boolean).join(' · ');
}

/** The last working day before today (Friday on a Monday), or yesterday if no day is a working day. */
export function previousWorkingDay(now: number, workingDays: readonly number[]): string {
  for (let i = 1; i <= 7; i++) {
    const day = subDays(now, i);
    if (isWorkingDay(day, workingDays)) return toLocalDate(day);
  }
  return toLocalDate(subDays(now, 1));
}

export function splitView(label: string, totals: ModeTotals, words: ReviewWords): SplitView {
  const total = totals.technical + totals.managerial;
  return {
    label, technical: formatDuration(totals.technical), managerial: formatDuration(totals.managerial),
    share: total === 0 ? words.nothingTracked : fill(words.technicalShare, Math.round((totals.technical * 100) / total)),
  };
}

/** Today's technical target: the one set for today in the review, else the setting. */
export function todayTarget(memento: LastPassedStore, settings: LeadDeskSettings, now: number): number {
  const saved = readState(memento, StateKeys.todayTarget);
  return saved?.date === toLocalDate(now) ? saved.percent : settings.technicalTarget;
}

export async function setTodayTarget(memento: LastPassedStore, percent: number, now: number): Promise<void> {
  await writeState(memento, StateKeys.todayTarget, { date: toLocalDate(now), percent });
}

export async function loadPlan(ctx: LocalContext): Promise<LoadedSection> {
  const now = ctx.now();
  const settings = ctx.settings();
  const yesterday = previousWorkingDay(now, settings.businessDays);
  const from = Math.min(parseLocalDate(yesterday).getTime(), parseLocalDate(weekTotals([], now, now).weekStart).getTime());
  const [entries, meetings] = await Promise.all([ctx.timeEntries(from, now), ctx.meetings?.(from, now)]);
  // Meetings count as managerial time here as in the balance (their overlap rule decides against the timer).
  const credit = meetings ? meetingCredit(meetings, settings.calendarOverlap) : undefined;
  const day = dailyTotals(entries, { first: yesterday, last: yesterday }, now, credit)[0]!;
  const week = weekTotals(entries, now, now, credit);
  const targetPercent = todayTarget(ctx.memento, settings, now);
  const balance = balanceAgainstTarget(week, settings.technicalTarget);
  const words = ctx.words;
  const weekView = splitView(words.thisWeek, week, words);
  const calendarDay = await dayView(ctx, entries, targetPercent, now);
  return {
    data: {
      kind: 'plan',
      yesterday: splitView(yesterday === toLocalDate(subDays(now, 1)) ? words.yesterday : fill(words.lastWorkingDay, yesterday), day, words),
      week: { ...weekView, share: balance.state === 'no-data' ? weekView.share : fill(words.withTarget, weekView.share, settings.technicalTarget) },
      targetPercent, defaultTarget: settings.technicalTarget, running: ctx.timerMode(),
      ...(calendarDay ? { day: calendarDay } : {}),
    },
    ids: [],
    counts: { targetPercent, weekTechnicalMinutes: Math.round(week.technical / 60_000), weekManagerialMinutes: Math.round(week.managerial / 60_000) },
  };
}

/** Today's meetings and free blocks against today's target; undefined when no calendar is connected. */
async function dayView(ctx: LocalContext, entries: readonly TimeEntry[], targetPercent: number, now: number): Promise<DayView | undefined> {
  const dayStart = new Date(now).setHours(0, 0, 0, 0);
  const dayEnd = new Date(dayStart).setHours(24, 0, 0, 0);
  const meetings = await ctx.meetings?.(dayStart, dayEnd);
  if (!meetings) return undefined;
  const today = toLocalDate(now);
  const technicalDoneMs = dailyTotals(entries, { first: today, last: today }, now)[0]?.technical ?? 0;
  const plan = planTheDay({ meetings, hours: ctx.settings().businessHours, now, targetPercent, technicalDoneMs });
  return {
    meetings: plan.meetings.map((m) => `${formatBlock(m, ctx.locale)} ${m.title ?? ctx.words.meeting}`),
    line: planLine(plan, ctx.locale, ctx.words), verdict: planVerdict(plan, ctx.words), fits: plan.fits,
  };
}
