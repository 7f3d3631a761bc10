/** Pure helpers that turn GitHub data into what the Morning Review shows. Unit tested in plain Node. */
import { displayDates } from '../core/displayDates';
import type { NotificationThread, WorkflowStatus } from '../github/api';
import type { NotificationGroup, NotificationItem, ReasonGroup, WorkflowItem } from './protocol';
import { REASON_GROUPS } from './protocol';
import { fill } from '../core/fill';
import type { ReviewWords } from './words';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The group a GitHub notification reason falls in; reasons GitHub adds later land in "Other". */
export function reasonGroup(reason: string): ReasonGroup {
  if (reason === 'approval_requested') return 'review_requested';
  return (REASON_GROUPS as readonly string[]).includes(reason) ? (reason as ReasonGroup) : 'other';
}

/** `2d 3h`, `5h 10m`, `12m`, `<1m`: the two largest units, rounded down. */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms) || ms < MINUTE) return '<1m';
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  return `${minutes}m`;
}

export function ago(at: number, now: number, words: ReviewWords): string {
  return at > now ? words.justNow : fill(words.ago, formatSpan(now - at));
}

/** `Tue, Jun 10, 09:12`, local, in `locale` (VS Code's display language). */
export function dayAndTime(at: number, locale: string): string {
  return displayDates(locale).dayAndTime(at);
}

/** The fixed group order of the Communication section; inside a group, newest first. Empty groups are left out. */
export function groupNotifications(threads: readonly NotificationThread[], now: number, words: ReviewWords): NotificationGroup[] {
  const groups = new Map<ReasonGroup, NotificationThread[]>();
  for (const t of threads) {
    const g = reasonGroup(t.reason);
    groups.set(g, [...(groups.get(g) ?? []), t]);
  }
  return REASON_GROUPS.filter((g) => groups.has(g)).map((reason) => ({
    reason,
    label: words[`reason.${reason}`],
    items: [...groups.get(reason)!]
      .sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id))
      .map((t): NotificationItem => ({ id: notificationSeenId(t.id), threadId: t.id, repo: t.repo, title: t.title, type: t.type, when: ago(t.updatedAt, now, words), url: t.url })),
  }));
}

export function notificationSeenId(threadId: string): string {
  return `thread:${threadId}`;
}

/**
 * Workflows of all repos in one list: failing first, the longest-failing at the top, then
 * running, then the rest, each by repo and name.
 */
export function orderWorkflows(statuses: readonly WorkflowStatus[], now: number, words: ReviewWords): WorkflowItem[] {
  const rank = (s: WorkflowStatus) => (s.state === 'failure' ? 0 : s.state === 'running' ? 1 : s.state === 'other' ? 2 : 3);
  return [...statuses]
    .sort((a, b) => rank(a) - rank(b) || (a.failingSince ?? 0) - (b.failingSince ?? 0) || a.repo.localeCompare(b.repo) || a.name.localeCompare(b.name))
    .map((s) => ({
      // The run id: a new run since the last review is news; the same red run is not.
      id: `run:${s.repo}:${s.workflowId}:${s.runId}`,
      repo: s.repo,
      name: s.name,
      state: s.state,
      stateText: workflowStateText(s, now, words),
      when: ago(s.createdAt, now, words),
      url: s.url,
    }));
}

export function workflowStateText(s: Pick<WorkflowStatus, 'state' | 'detail' | 'failingSince'>, now: number, words: ReviewWords): string {
  switch (s.state) {
    case 'failure': return s.failingSince === null ? words.failing : fill(words.failingFor, formatSpan(now - s.failingSince));
    case 'success': return words.passing;
    case 'running': return s.detail === 'in_progress' ? words.running : s.detail.replace(/_/g, ' ');
    case 'other': return s.detail.replace(/_/g, ' ');
  }
}
