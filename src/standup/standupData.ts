/**
 * Gathers what the standup notes say, from the lead's own data: the time store, the task store,
 * the sidebar's snapshot, the Morning Review history, and three GitHub searches (kept for ten
 * minutes, so preparing the notes again is instant).
 */
import type { CalendarService } from '../calendar/calendarService';
import type { Config } from '../config';
import { agentPullLines } from '../core/agentWork';
import { meetingCredit } from '../core/calendarTime';
import { isOverdue } from '../core/dueDates';
import { parseLocalDate, startOfNextLocalDay, toLocalDate } from '../core/localDate';
import { waitingBusinessMs } from '../core/reviews';
import type { MovedItem, StandupInput } from '../core/standup';
import { formatDuration } from '../core/timeline';
import { dayActivity, type DayActivity } from '../github/api';
import type { GitHubConnection } from '../github/api';
import { previousWorkingDay } from '../review/localSections';
import { SECTION_TITLES, type SectionId } from '../review/protocol';
import type { Stores } from '../store';
import type { TimerController } from '../timer/timerController';
import { describeError } from '../util/errors';
import type { InboxService } from '../inbox/inboxService';
import { ActivityCache } from './activityCache';

export interface StandupDeps {
  readonly config: Config;
  readonly github: GitHubConnection;
  readonly stores: Promise<Stores>;
  readonly inbox: InboxService;
  readonly timer: TimerController;
  readonly calendar: CalendarService;
}

export class StandupData {
  private readonly activityCache = new ActivityCache<DayActivity>();

  constructor(private readonly deps: StandupDeps) {}

  /**
   * GitHub's side of the day, shared by repeated calls within ten minutes for the same GitHub and
   * account (the account is the service's own, asked once per session, so key and data agree).
   */
  private activity(day: string, from: number, to: number, repos: readonly string[], now: number): Promise<DayActivity | undefined> {
    const { github, config } = this.deps;
    const { severityLabels } = config.settings;
    return github.run(async (s) => this.activityCache.get(
      { origin: github.apiOrigin, account: await s.me(), day, repos, severityLabels }, now,
      () => dayActivity(s, { from, to }, repos, severityLabels),
    ));
  }

  async gather(now: number): Promise<StandupInput> {
    const { config, github, stores, inbox, timer, calendar } = this.deps;
    const settings = config.settings;
    const s = await stores;
    const day = previousWorkingDay(now, settings.businessDays);
    const from = parseLocalDate(day).getTime();
    const to = startOfNextLocalDay(from).getTime();
    const repos = await inbox.repositories.resolve();

    const [entries, meetings, tasks, reviews, activityResult] = await Promise.all([
      s.time.entriesBetween(from, to),
      calendar.meetingsBetween(from, to).then((m) => meetingCredit(m, settings.calendarOverlap)),
      s.tasks.refresh().then(() => s.tasks.list()),
      s.reviews.list({ since: parseLocalDate(toLocalDate(now)).getTime() }),
      (github.unavailableReason ? Promise.reject(new Error(github.unavailableReason)) : this.activity(day, from, to, repos, now))
        .then((value) => ({ value, error: null as string | null }), (e: unknown) => ({ value: undefined, error: describeError(e) })),
    ]);
    const activity = activityResult.value ?? null;
    const githubNotice = activity ? null : activityResult.error ?? 'Sign in to GitHub to list pull requests and incidents.';

    const snapshot = inbox.snapshot;
    const hours = settings.businessHours;
    const waiting = [...snapshot.reviews].sort((a, b) => a.requestedAt - b.requestedAt).map((r) => ({
      repo: r.repo, number: r.number, title: r.title, url: r.url, author: r.author,
      detail: `waiting ${formatDuration(waitingBusinessMs(r, now, hours))}`,
    }));

    const within = (t: number | undefined) => t !== undefined && t >= from && t < to;
    const done: MovedItem[] = tasks.filter((t) => within(t.doneAt)).map((t) => ({ title: t.title, assignee: t.assignee, ...(t.link ? { url: t.link } : {}) }));
    for (const i of activity?.delegatedClosed ?? []) done.push({ title: `${i.repo}#${i.number} ${i.title}`, assignee: i.assignees.join(', '), url: i.url, detail: 'closed' });
    const overdue: MovedItem[] = tasks.filter((t) => !t.doneAt && isOverdue(t.due, now))
      .map((t) => ({ title: t.title, assignee: t.assignee, detail: `due ${t.due}`, ...(t.link ? { url: t.link } : {}) }));
    for (const i of snapshot.delegatedIssues) {
      if (isOverdue(i.due, now)) overdue.push({ title: `${i.repo}#${i.number} ${i.title}`, assignee: i.assignees.join(', '), url: i.url, detail: `due ${i.due}` });
    }
    const reassigned: MovedItem[] = tasks.filter((t) => within(t.reassignedAt))
      .map((t) => ({ title: t.title, assignee: t.assignee, detail: t.previousAssignee ? `from ${t.previousAssignee}` : 'reassigned', ...(t.link ? { url: t.link } : {}) }));

    // Today's latest review as of `now` (a fixed clock may lie before reviews saved since).
    const review = reviews.find((r) => r.finishedAt <= now && toLocalDate(r.finishedAt) === toLocalDate(now));
    const plan = review ? {
      finishedAt: review.finishedAt,
      targetPercent: typeof review.sections.plan?.counts.targetPercent === 'number' ? review.sections.plan.counts.targetPercent : null,
      notes: Object.entries(review.sections)
        .filter(([, section]) => section.notes.trim())
        .map(([id, section]) => ({ section: SECTION_TITLES[id as SectionId] ?? id, text: section.notes.trim() })),
    } : null;

    return {
      now, day, entries, meetings, technicalTarget: settings.technicalTarget, activity, githubNotice, waiting,
      agentPulls: agentPullLines(snapshot.delegatedIssues, snapshot.reviews, settings.teamAgents),
      delegated: { done, overdue, reassigned }, plan, running: timer.current?.mode ?? null,
    };
  }
}
