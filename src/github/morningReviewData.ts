/**
 * What the Morning Review reads from GitHub, as plain data, and the pure helpers that shape it
 * (latest run per workflow, search-query chunking, notification links) — unit tested without HTTP.
 */
import type { RunState } from '../core/branchRuns';

/** An unread notification thread, as the Morning Review lists it. */
export interface NotificationThread {
  readonly id: string;
  readonly repo: string;
  /** GitHub's reason (`review_requested`, `mention`, `ci_activity`, …), as sent. */
  readonly reason: string;
  readonly title: string;
  /** `PullRequest`, `Issue`, `CheckSuite`, `Release`, … */
  readonly type: string;
  readonly updatedAt: number;
  /** A page on the web host for the subject (or the repository); '' when none is on the host. */
  readonly url: string;
}

export type { RunState } from '../core/branchRuns';

/** The newest run of one workflow on a repo's default branch. */
export interface WorkflowStatus {
  readonly repo: string;
  readonly branch: string;
  readonly workflowId: number;
  readonly name: string;
  readonly runId: number;
  readonly runNumber: number;
  readonly state: RunState;
  /** GitHub's conclusion or status text (`failure`, `timed_out`, `in_progress`…). */
  readonly detail: string;
  readonly createdAt: number;
  /** For a failing workflow: when the oldest of its consecutive failing runs started. */
  readonly failingSince: number | null;
  readonly url: string;
}

/** An open issue carrying a severity label. */
export interface IncidentIssue {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly labels: readonly string[];
  readonly assignees: readonly string[];
  readonly createdAt: number;
}

/** An open milestone with what the risk rule needs. */
export interface OpenMilestone {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly open: number;
  readonly closed: number;
  /** GitHub's `due_on` as sent (see `milestoneDueDate`), or null. */
  readonly dueOn: string | null;
  /** Issues and PRs of the milestone closed in the last `MILESTONE_WINDOW_DAYS` days. */
  readonly closedRecently: number;
}

/** The window the milestone closing rate is measured over. */
export const MILESTONE_WINDOW_DAYS = 14;
/** GitHub refuses search queries longer than this. */
export const MAX_SEARCH_QUERY = 256;
const FAILED_CONCLUSIONS = new Set(['failure', 'timed_out', 'startup_failure']);

/** One run as `latestRunPerWorkflow` reads it. */
export interface RunRecord {
  readonly workflowId: number;
  readonly name: string;
  readonly runId: number;
  readonly runNumber: number;
  readonly status: string;
  readonly conclusion: string;
  readonly createdAt: number;
  readonly url: string;
}

/**
 * The newest run of each workflow, failing ones first (longest failing first), then by name.
 * A failing workflow's `failingSince` is the start of the oldest run in its unbroken streak of
 * failures; runs still in progress neither break nor extend the streak.
 */
export function latestRunPerWorkflow(runs: readonly RunRecord[]): Omit<WorkflowStatus, 'repo' | 'branch'>[] {
  const byWorkflow = new Map<number, RunRecord[]>();
  for (const r of [...runs].sort((a, b) => b.createdAt - a.createdAt || b.runId - a.runId)) {
    byWorkflow.set(r.workflowId, [...(byWorkflow.get(r.workflowId) ?? []), r]);
  }
  const out = [...byWorkflow.values()].map((list) => {
    const latest = list[0]!;
    const state = runState(latest);
    let failingSince: number | null = null;
    if (state === 'failure') {
      for (const r of list) {
        const s = runState(r);
        if (s === 'running') continue;
        if (s !== 'failure') break;
        failingSince = r.createdAt;
      }
    }
    return {
      workflowId: latest.workflowId, name: latest.name, runId: latest.runId, runNumber: latest.runNumber, state,
      detail: latest.status === 'completed' ? latest.conclusion || 'completed' : latest.status || 'unknown',
      createdAt: latest.createdAt, failingSince, url: latest.url,
    };
  });
  return out.sort((a, b) => Number(b.state === 'failure') - Number(a.state === 'failure')
    || (a.failingSince ?? 0) - (b.failingSince ?? 0) || a.name.localeCompare(b.name) || a.workflowId - b.workflowId);
}

function runState(r: RunRecord): RunState {
  if (r.status !== 'completed') return 'running';
  if (r.conclusion === 'success') return 'success';
  return FAILED_CONCLUSIONS.has(r.conclusion) ? 'failure' : 'other';
}

/** `base` plus as many `extras` as fit in `MAX_SEARCH_QUERY` characters per query. */
export function chunkQueries(base: string, extras: readonly string[], max = MAX_SEARCH_QUERY): string[] {
  const queries: string[] = [];
  let current = base;
  for (const extra of extras) {
    if (current !== base && current.length + 1 + extra.length > max) {
      queries.push(current);
      current = base;
    }
    current = `${current} ${extra}`;
  }
  if (current !== base) queries.push(current);
  return queries;
}

/**
 * A web page for a notification subject: its API URL (`…/repos/o/r/pulls/7`) mapped onto the
 * repository's web URL. Subjects without a page of their own open the repository.
 */
export function subjectWebUrl(repoHtmlUrl: string, subjectApiUrl: string): string {
  if (repoHtmlUrl === '') return '';
  const m = /\/repos\/[^/]+\/[^/]+\/(pulls|issues|commits|discussions|releases|check-suites)\/([^/?#]+)$/.exec(subjectApiUrl);
  if (!m) return repoHtmlUrl;
  const [, kind, id] = m;
  const path: Record<string, string> = {
    pulls: `/pull/${id}`, issues: `/issues/${id}`, commits: `/commit/${id}`, discussions: `/discussions/${id}`, releases: '/releases', 'check-suites': '/actions',
  };
  return `${repoHtmlUrl.replace(/\/+$/, '')}${path[kind!]}`;
}
