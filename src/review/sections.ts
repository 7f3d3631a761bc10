/**
 * Loaders of the four GitHub sections. Each loads on its own and throws a message fit for the
 * section when it cannot show anything; a repo that fails while others answer is listed as a
 * problem instead. Free of `vscode`.
 */
import { quickDueChoices } from '../core/dueDates';
import { milestoneDueDate, milestoneRisk } from '../core/milestones';
import { nextSeverityLabel, orderIncidents, severityRank } from '../core/triage';
import { assignableMembers } from '../core/teamLoad';
import { describeError } from '../util/errors';
import type { GitHubService, IncidentIssue } from '../github/api';
import { MILESTONE_WINDOW_DAYS } from '../github/api';
import type { LeadDeskSettings } from '../settings';
import { ago, dayAndTime, groupNotifications, orderWorkflows } from './format';
import { runHealthChecks, type LastPassedStore } from './healthChecks';
import type { HealthItem, IncidentItem, MilestoneItem } from './protocol';
import type { LoadedSection } from './session';
import { Settings, settingId } from '../ids';
import { fill } from '../core/fill';
import type { ReviewWords } from './words';

/** What the loaders need; the panel builds it from the extension's pieces. */
export interface SectionContext {
  settings(): LeadDeskSettings;
  /** `GitHubConnection.run`: undefined when signed out; throws `GitHubFailure`. */
  github<T>(fn: (service: GitHubService) => Promise<T>): Promise<T | undefined>;
  repositories(): Promise<string[]>;
  /** When the previous review finished (epoch ms), or null on a first review. */
  readonly lastReviewAt: number | null;
  readonly memento: LastPassedStore;
  now(): number;
  /** VS Code's display language, for dates. */
  readonly locale: string;
  /** The sentences, in that language. */
  readonly words: ReviewWords;
}

export { describeError };

async function signedIn<T>(ctx: SectionContext, fn: (s: GitHubService) => Promise<T>): Promise<T> {
  // Boxed: `undefined` from `run` means signed out, never "no result".
  const result = await ctx.github(async (s) => ({ value: await fn(s) }));
  if (result === undefined) throw new Error(ctx.words.signedOut);
  return result.value;
}

async function watched(ctx: SectionContext): Promise<string[]> {
  const repos = await ctx.repositories();
  if (repos.length === 0) throw new Error(fill(ctx.words.noRepositories, settingId(Settings.repositories)));
  return repos;
}

/** Runs `fn` per repo; repos that fail become problems, unless all fail (then the first failure is thrown). */
async function perRepo<T>(repos: readonly string[], fn: (repo: string) => Promise<T>): Promise<{ values: T[]; problems: string[] }> {
  const settled = await Promise.allSettled(repos.map(fn));
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' ? [{ repo: repos[i]!, error: s.reason as unknown }] : []));
  if (failures.length === repos.length && failures.length > 0) throw failures[0]!.error;
  return {
    values: settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : [])),
    problems: failures.map((f) => `${f.repo}: ${describeError(f.error)}`),
  };
}

export async function loadCommunication(ctx: SectionContext): Promise<LoadedSection> {
  const since = ctx.lastReviewAt === null ? undefined : new Date(ctx.lastReviewAt);
  const { threads } = await signedIn(ctx, (s) => s.notifications(since));
  const groups = groupNotifications(threads, ctx.now(), ctx.words);
  const counts: Record<string, number> = { total: threads.length };
  for (const g of groups) counts[g.reason] = g.items.length;
  return {
    data: { kind: 'communication', groups, scope: ctx.lastReviewAt === null ? ctx.words.allUnread : fill(ctx.words.unreadSince, dayAndTime(ctx.lastReviewAt, ctx.locale)) },
    ids: groups.flatMap((g) => g.items.map((i) => i.id)),
    counts,
  };
}

export async function loadSystems(ctx: SectionContext): Promise<LoadedSection> {
  const now = ctx.now();
  const settings = ctx.settings();
  const health = runHealthChecks(settings.healthChecks, ctx.memento, Date.now());
  const runs = (async () => {
    const repos = await watched(ctx);
    return signedIn(ctx, (s) => perRepo(repos, (repo) => s.latestDefaultBranchRuns(repo)));
  })();
  const [checks, workflows] = await Promise.all([health, runs.then((r) => ({ ok: true as const, r }), (error: unknown) => ({ ok: false as const, error }))]);
  // Health checks still show when GitHub cannot be reached; with no checks, the failure is the section's.
  if (!workflows.ok && checks.length === 0) throw workflows.error;
  const items = workflows.ok ? orderWorkflows(workflows.r.values.flat(), now, ctx.words) : [];
  const problems = workflows.ok ? workflows.r.problems : [fill(ctx.words.workflowRuns, describeError(workflows.error))];
  const healthItems = checks.map(({ result, lastPassed }): HealthItem => ({
    id: `health:${result.name}:${result.ok ? 'pass' : 'fail'}`,
    name: result.name, url: result.url, ok: result.ok,
    statusText: result.problem === null ? fill(ctx.words.healthStatus, result.status ?? '', result.latencyMs)
      : result.status === null ? result.problem : fill(ctx.words.healthStatusProblem, result.status, result.latencyMs, result.problem),
    snippet: result.snippet,
    lastPassed: lastPassed === null ? null : ago(lastPassed, Date.now(), ctx.words),
  }));
  const failing = items.filter((w) => w.state === 'failure').length;
  return {
    data: { kind: 'systems', workflows: items, health: healthItems, problems },
    ids: [...items.map((w) => w.id), ...healthItems.map((h) => h.id)],
    counts: { workflows: items.length, failing, healthChecks: healthItems.length, healthFailing: healthItems.filter((h) => !h.ok).length },
  };
}

export function incidentItem(issue: IncidentIssue, settings: LeadDeskSettings, now: number, words: ReviewWords): IncidentItem {
  const { severityLabels, escalationLabel } = settings;
  const rank = severityRank(issue.labels, severityLabels);
  const severity = rank < severityLabels.length ? severityLabels[rank]! : null;
  const next = nextSeverityLabel(issue.labels, severityLabels);
  const hasEscalation = issue.labels.some((l) => l.toLowerCase() === escalationLabel.toLowerCase());
  return {
    id: `issue:${issue.repo}#${issue.number}`, repo: issue.repo, number: issue.number, title: issue.title, url: issue.url,
    severity, labels: [...issue.labels], assignees: [...issue.assignees], age: ago(issue.createdAt, now, words),
    escalateTo: next ?? (hasEscalation ? null : escalationLabel),
  };
}

export async function loadIncidents(ctx: SectionContext): Promise<LoadedSection> {
  const settings = ctx.settings();
  const repos = await watched(ctx);
  const now = ctx.now();
  // One GraphQL query with the milestones (see `GitHubService.morningReview`).
  const issues = await signedIn(ctx, async (s) => {
    const { incidents, incidentsError } = await s.morningReview(repos, settings.severityLabels, now);
    if (incidents === null) throw incidentsError ?? new Error('GitHub sent no incidents');
    return incidents;
  });
  const items = orderIncidents(issues, settings.severityLabels).map((i) => incidentItem(i, settings, now, ctx.words));
  const counts: Record<string, number> = { total: items.length, unassigned: items.filter((i) => i.assignees.length === 0).length };
  for (const label of settings.severityLabels) counts[label] = items.filter((i) => i.severity === label).length;
  return {
    data: { kind: 'incidents', items, members: assignableMembers(settings.teamMembers, settings.teamAgents), dueChoices: quickDueChoices(now, ctx.locale).map((c) => ({ label: c.label, date: c.date })) },
    ids: items.map((i) => i.id),
    counts,
  };
}

export async function loadMilestones(ctx: SectionContext): Promise<LoadedSection> {
  const repos = await watched(ctx);
  const now = ctx.now();
  const { values, problems } = await signedIn(ctx, async (s) => {
    const { milestones } = await s.morningReview(repos, ctx.settings().severityLabels, now);
    return perRepo(repos, async (repo) => {
      const m = milestones.get(repo);
      if (m === undefined || m instanceof Error) throw m ?? new Error('GitHub sent no milestones');
      return m;
    });
  });
  const workingDays = ctx.settings().businessDays;
  const w = ctx.words;
  const items = values.flat().map((m) => {
    const dueOn = milestoneDueDate(m.dueOn);
    const risk = milestoneRisk({ open: m.open, closed: m.closed, dueOn, closedRecently: m.closedRecently, windowDays: MILESTONE_WINDOW_DAYS }, now, workingDays);
    const days = risk.daysLeft;
    const item: MilestoneItem = {
      id: `milestone:${m.repo}/${m.number}${risk.atRisk ? ':at-risk' : ''}`, repo: m.repo, title: m.title, url: m.url,
      open: m.open, closed: m.closed, percent: Math.round(risk.progress * 100),
      daysLeft: days === null ? w.noDueDate : days === -1 ? w.dayOverdue : days < 0 ? fill(w.daysOverdue, -days)
        : days === 0 ? w.dueToday : days === 1 ? w.dayLeft : fill(w.daysLeft, days),
      atRisk: risk.atRisk, riskText: fill(w.riskDetail, w[`risk.${risk.reason}`], m.closedRecently, MILESTONE_WINDOW_DAYS),
    };
    return { item, due: dueOn ?? '9999-99-99' };
  });
  // At-risk first, then soonest due.
  items.sort((a, b) => Number(b.item.atRisk) - Number(a.item.atRisk) || a.due.localeCompare(b.due) || a.item.title.localeCompare(b.item.title));
  return {
    data: { kind: 'milestones', items: items.map((i) => i.item), problems },
    ids: items.map((i) => i.item.id),
    counts: { total: items.length, atRisk: items.filter((i) => i.item.atRisk).length },
  };
}
