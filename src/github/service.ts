/**
 * The typed face of GitHub for the features. Only `src/github/` knows Octokit, URLs, search
 * syntax, pagination and ETags; features get plain data they can render and test.
 */
import { issueDue, withDueLine, type IssueDueSource } from '../core/issueDue';
import { requestedAtFromTimeline, type CiState, type PendingReview } from '../core/reviews';
import type { GitHubFailure } from './failure';
import type { GitHubOctokit } from './octokit';
import {
  MILESTONE_WINDOW_DAYS, chunkQueries, latestRunPerWorkflow, subjectWebUrl,
  type IncidentIssue, type NotificationThread, type OpenMilestone, type WorkflowStatus,
} from './morningReviewData';
import { array, labelNames, login, num, object, objects, repoFromUrl, requiredNum, safeUrl, searchResults, str, time, type Json } from './parse';

export * from './morningReviewData';

/** An issue or PR the lead opened in a watched repo that someone else is assigned to. */
export interface DelegatedIssue {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly assignees: readonly string[];
  readonly isPullRequest: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly labels: readonly string[];
  /** `yyyy-MM-dd` from a `Due:` line in the body or the milestone's `due_on` (see `issueDue`), or null. */
  readonly due: string | null;
  readonly dueSource?: IssueDueSource;
  /** The milestone's title, when the due date comes from it. */
  readonly milestone?: string;
}

/** One of the lead's own open PRs, and whose reviews it waits for. */
export interface OwnPullRequest {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly createdAt: number;
  readonly draft: boolean;
  readonly waitingOn: readonly string[];
}

export interface SearchPage {
  readonly items: Json[];
  readonly total: number;
  readonly incomplete: boolean;
}


/** Search pages fetched at most; GitHub never returns more than 1,000 results anyway. */
const MAX_SEARCH_PAGES = 5;
/** PRs whose size, CI and request time are fetched; the rest show what search gave. */
export const MAX_DETAILED_REVIEWS = 100;
const DETAIL_CONCURRENCY = 6;

export class GitHubService {
  private meCache: Promise<string> | undefined;
  private teamsCache: Promise<string[]> | undefined;
  /** Default branches rarely change: asked once per signed-in session. */
  private readonly defaultBranches = new Map<string, Promise<string>>();

  constructor(
    /** For the queries of sibling modules in src/github/ (runs.ts…); features never touch it. */
    readonly octokit: GitHubOctokit,
    /** The web host links must point to (github.com, or the GHE host). */
    readonly webHost: string,
  ) {}

  /** See `GitHubOctokit.onAttemptFailed`: failures seen before the retries, for an early notice. */
  onAttemptFailed(listener: (failure: GitHubFailure) => void): () => void {
    return this.octokit.onAttemptFailed(listener);
  }

  async me(): Promise<string> {
    this.meCache ??= this.octokit.rest.users.getAuthenticated().then((r) => str(object(r.data, 'user').login))
      .catch((e) => { this.meCache = undefined; throw e; });
    return this.meCache;
  }

  /** The lead's teams as `org/slug` (needs read:org; without it, no team is known). */
  async myTeams(): Promise<string[]> {
    this.teamsCache ??= this.octokit.rest.teams.listForAuthenticatedUser({ per_page: 100 })
      .then((r) => array(r.data, 'teams').map((t) => `${login((t as Json).organization)}/${str((t as Json).slug)}`))
      .catch((e) => { this.teamsCache = undefined; throw e; });
    return this.teamsCache;
  }

  async searchIssues(q: string, maxPages = MAX_SEARCH_PAGES): Promise<SearchPage> {
    const raw: unknown[] = [];
    let total = 0;
    let incomplete = false;
    for (let page = 1; page <= maxPages; page++) {
      const { data } = await this.octokit.rest.search.issuesAndPullRequests({ q, per_page: 100, page, sort: 'created', order: 'asc' });
      const body = object(data, 'search result');
      const pageItems = array(body.items, 'search items');
      raw.push(...pageItems);
      total = num(body.total_count, raw.length);
      incomplete ||= body.incomplete_results === true;
      if (pageItems.length < 100 || raw.length >= Math.min(total, 1000)) break;
    }
    // Malformed and repeated items are dropped here, once for every query's callers.
    return { items: searchResults(raw, `search "${q}"`), total, incomplete };
  }

  /**
   * Open PRs waiting for the lead's review, directly or through a team. Two searches give the
   * list and which are direct; the oldest `MAX_DETAILED_REVIEWS` then get size, CI and the
   * moment the review was requested (conditional requests: unchanged PRs cost nothing).
   */
  async pendingReviews(): Promise<{ reviews: PendingReview[]; total: number; incomplete: boolean }> {
    const [all, direct] = await Promise.all([
      this.searchIssues('is:pr is:open archived:false review-requested:@me'),
      this.searchIssues('is:pr is:open archived:false user-review-requested:@me'),
    ]);
    const directKeys = new Set(direct.items.map((i) => `${repoFromUrl(i.repository_url)}#${num(i.number)}`));
    const basic = all.items.map((i): PendingReview => {
      const repo = repoFromUrl(i.repository_url);
      const number = requiredNum(i.number, 'PR number');
      return {
        repo, number, title: str(i.title, '(no title)'), author: login(i.user), url: safeUrl(i.html_url, this.webHost),
        createdAt: time(i.created_at), requestedAt: time(i.created_at), direct: directKeys.has(`${repo}#${number}`),
        additions: 0, deletions: 0, draft: i.draft === true, ci: 'none', labels: labelNames(i.labels),
      };
    });
    const [me, teams] = await Promise.all([this.me(), this.myTeams().catch(() => [] as string[])]);
    const detailed = await mapLimited(basic.slice(0, MAX_DETAILED_REVIEWS), DETAIL_CONCURRENCY, (r) => this.reviewDetails(r, me, teams));
    return { reviews: [...detailed, ...basic.slice(MAX_DETAILED_REVIEWS)], total: all.total, incomplete: all.incomplete || direct.incomplete };
  }

  private async reviewDetails(r: PendingReview, me: string, teams: string[]): Promise<PendingReview> {
    const [owner, repo] = r.repo.split('/');
    const [pull, timeline] = await Promise.all([
      this.octokit.rest.pulls.get({ owner, repo, pull_number: r.number }).then((x) => object(x.data, 'pull request')),
      this.octokit.rest.issues.listEventsForTimeline({ owner, repo, issue_number: r.number, per_page: 100 }).then((x) => objects(x.data, `timeline of ${r.repo}#${r.number}`)),
    ]);
    const sha = str(object(pull.head, 'pull request head').sha);
    const ci = sha ? await this.ciState(owner, repo, sha) : 'none';
    const teamRequests = objects(pull.requested_teams ?? [], `requested teams of ${r.repo}#${r.number}`).map((t) => str(t.slug));
    const mine = new Set(teams.map((t) => t.slice(t.indexOf('/') + 1).toLowerCase()));
    const team = r.direct ? undefined : teamRequests.find((t) => mine.has(t.toLowerCase()));
    return {
      ...r,
      additions: num(pull.additions),
      deletions: num(pull.deletions),
      draft: pull.draft === true,
      requestedAt: requestedAtFromTimeline(timeline as never, me, teams, { createdAt: r.createdAt }),
      ...(team ? { team } : {}),
      ci,
    };
  }

  /** Check runs (Actions and apps) and the legacy combined status, folded into one state. */
  async ciState(owner: string, repo: string, ref: string): Promise<CiState> {
    const [checks, status] = await Promise.all([
      this.octokit.rest.checks.listForRef({ owner, repo, ref, per_page: 100 }).then((x) => array(object(x.data, 'check runs').check_runs, 'check runs')),
      this.octokit.rest.repos.getCombinedStatusForRef({ owner, repo, ref }).then((x) => object(x.data, 'status')),
    ]);
    const states: CiState[] = checks.map((c) => {
      const run = c as Json;
      if (run.status !== 'completed') return 'pending';
      return ['success', 'neutral', 'skipped'].includes(str(run.conclusion)) ? 'success' : 'failure';
    });
    if (num(status.total_count) > 0) {
      const s = str(status.state);
      states.push(s === 'success' ? 'success' : s === 'pending' ? 'pending' : 'failure');
    }
    if (states.includes('failure')) return 'failure';
    if (states.includes('pending')) return 'pending';
    return states.length ? 'success' : 'none';
  }

  /**
   * Issues and PRs the lead opened that are assigned to others, in the watched repos. One search
   * over all repos (filtered here) keeps the cost flat however many repos are watched.
   */
  async delegatedIssues(repos: readonly string[]): Promise<DelegatedIssue[]> {
    const me = await this.me();
    const watched = new Set(repos.map((r) => r.toLowerCase()));
    const { items } = await this.searchIssues('is:open archived:false author:@me -assignee:@me');
    return items
      .map((i): DelegatedIssue => {
        const milestone = typeof i.milestone === 'object' && i.milestone !== null ? i.milestone as Json : undefined;
        const due = issueDue({ body: str(i.body), milestoneDueOn: str(milestone?.due_on) });
        return {
          repo: repoFromUrl(i.repository_url), number: requiredNum(i.number, 'issue number'), title: str(i.title, '(no title)'),
          url: safeUrl(i.html_url, this.webHost), assignees: (Array.isArray(i.assignees) ? i.assignees : []).map(login).filter((a) => a !== me),
          isPullRequest: i.pull_request !== undefined && i.pull_request !== null, createdAt: time(i.created_at), updatedAt: time(i.updated_at),
          labels: labelNames(i.labels), due: due?.date ?? null,
          ...(due ? { dueSource: due.source } : {}),
          ...(due?.source === 'milestone' && milestone ? { milestone: str(milestone.title, 'milestone') } : {}),
        };
      })
      .filter((d) => d.assignees.length > 0 && (watched.size === 0 || watched.has(d.repo.toLowerCase())));
  }

  /** The lead's open PRs and the reviewers (people and teams) they still wait on. */
  async myOpenPullRequests(): Promise<OwnPullRequest[]> {
    const { items } = await this.searchIssues('is:pr is:open archived:false author:@me', 1);
    return mapLimited(items, DETAIL_CONCURRENCY, async (i) => {
      const repo = repoFromUrl(i.repository_url);
      const [owner, name] = repo.split('/');
      const number = requiredNum(i.number, 'PR number');
      const { data } = await this.octokit.rest.pulls.listRequestedReviewers({ owner, repo: name, pull_number: number });
      const body = object(data, 'requested reviewers');
      const waitingOn = [...array(body.users ?? [], 'users').map(login), ...array(body.teams ?? [], 'teams').map((t) => `@${str((t as Json).slug)}`)];
      return { repo, number, title: str(i.title, '(no title)'), url: safeUrl(i.html_url, this.webHost), createdAt: time(i.created_at), draft: i.draft === true, waitingOn };
    });
  }

  async collaborators(repo: string): Promise<string[]> {
    const [owner, name] = repo.split('/');
    const { data } = await this.octokit.rest.repos.listCollaborators({ owner, repo: name, per_page: 100 });
    return array(data, 'collaborators').map(login);
  }

  async comment(repo: string, number: number, body: string): Promise<string> {
    const [owner, name] = repo.split('/');
    const { data } = await this.octokit.rest.issues.createComment({ owner, repo: name, issue_number: number, body });
    return safeUrl(object(data, 'comment').html_url, this.webHost);
  }

  /**
   * Sets the `Due: YYYY-MM-DD` line of an issue's description (see `issueDue`), keeping the rest.
   * Returns false when the line was already there.
   */
  async writeDueLine(repo: string, number: number, date: string): Promise<boolean> {
    const [owner, name] = repo.split('/');
    const { data } = await this.octokit.rest.issues.get({ owner, repo: name, issue_number: number });
    const body = str(object(data, 'issue').body);
    const updated = withDueLine(body, date);
    if (updated === body) return false;
    await this.octokit.rest.issues.update({ owner, repo: name, issue_number: number, body: updated });
    return true;
  }

  async setAssignees(repo: string, number: number, assignees: string[]): Promise<void> {
    const [owner, name] = repo.split('/');
    await this.octokit.rest.issues.update({ owner, repo: name, issue_number: number, assignees });
  }

  async addLabels(repo: string, number: number, labels: string[]): Promise<void> {
    const [owner, name] = repo.split('/');
    await this.octokit.rest.issues.addLabels({ owner, repo: name, issue_number: number, labels });
  }

  async removeLabel(repo: string, number: number, label: string): Promise<void> {
    const [owner, name] = repo.split('/');
    await this.octokit.rest.issues.removeLabel({ owner, repo: name, issue_number: number, name: label });
  }

  /**
   * Unread notification threads (updated after `since`, when given), newest first, and the poll
   * interval GitHub asks for. One page of 50: a lead with more unread has bigger problems.
   * Repeats are conditional (Last-Modified), so an unchanged inbox costs nothing.
   */
  async notifications(since?: Date): Promise<{ threads: NotificationThread[]; pollIntervalSeconds: number }> {
    const { data, headers } = await this.octokit.rest.activity.listNotificationsForAuthenticatedUser({
      all: false, per_page: 50, ...(since ? { since: since.toISOString() } : {}),
    });
    const threads = array(data, 'notifications').map((raw): NotificationThread => {
      const n = object(raw, 'notification');
      const subject = object(n.subject, 'notification subject');
      const repository = object(n.repository, 'notification repository');
      return {
        id: String(n.id ?? ''), repo: str(repository.full_name), reason: str(n.reason, 'other'), title: str(subject.title, '(no title)'),
        type: str(subject.type), updatedAt: time(n.updated_at), url: safeUrl(subjectWebUrl(str(repository.html_url), str(subject.url)), this.webHost),
      };
    }).filter((t) => /^\d{1,20}$/.test(t.id));
    const poll = Number((headers as Record<string, unknown>)['x-poll-interval']);
    return { threads: threads.sort((a, b) => b.updatedAt - a.updatedAt), pollIntervalSeconds: Number.isFinite(poll) && poll > 0 ? poll : 60 };
  }

  async markThreadRead(id: string): Promise<void> {
    await this.octokit.rest.activity.markThreadAsRead({ thread_id: Number(id) });
  }

  /**
   * The newest run of each workflow on the default branch (from the 50 newest runs there), with
   * "failing since" for red ones. Two requests per repo, the first only once per session.
   */
  async latestDefaultBranchRuns(repo: string): Promise<WorkflowStatus[]> {
    const [owner, name] = repo.split('/');
    let branch = this.defaultBranches.get(repo);
    if (!branch) {
      branch = this.octokit.rest.repos.get({ owner, repo: name }).then((r) => str(object(r.data, 'repository').default_branch, 'main'));
      this.defaultBranches.set(repo, branch);
      branch.catch(() => this.defaultBranches.delete(repo));
    }
    const head = await branch;
    const { data } = await this.octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo: name, branch: head, per_page: 50 });
    const runs = array(object(data, 'workflow runs').workflow_runs, 'workflow runs').map((raw) => {
      const r = object(raw, 'workflow run');
      return {
        workflowId: requiredNum(r.workflow_id, 'workflow id'), name: str(r.name, 'workflow'), runId: requiredNum(r.id, 'run id'),
        runNumber: num(r.run_number), status: str(r.status), conclusion: str(r.conclusion), createdAt: time(r.created_at),
        url: safeUrl(r.html_url, this.webHost),
      };
    });
    return latestRunPerWorkflow(runs).map((w) => ({ ...w, repo, branch: head }));
  }

  /**
   * Open issues with any of `severityLabels` in `repos`: one search per chunk of repos (queries
   * stay under GitHub's 256 characters), cheaper than listing issues per repo and per label.
   */
  async incidents(repos: readonly string[], severityLabels: readonly string[]): Promise<IncidentIssue[]> {
    if (repos.length === 0 || severityLabels.length === 0) return [];
    const labels = severityLabels.map((l) => (/^[\w.-]+$/.test(l) ? l : `"${l.replace(/"/g, '')}"`)).join(',');
    const seen = new Set<string>();
    const out: IncidentIssue[] = [];
    for (const q of chunkQueries(`is:issue is:open archived:false label:${labels}`, repos.map((r) => `repo:${r}`))) {
      const { items } = await this.searchIssues(q, 2);
      for (const i of items) {
        const issue: IncidentIssue = {
          repo: repoFromUrl(i.repository_url), number: requiredNum(i.number, 'issue number'), title: str(i.title, '(no title)'),
          url: safeUrl(i.html_url, this.webHost), labels: labelNames(i.labels),
          assignees: (Array.isArray(i.assignees) ? i.assignees : []).map(login), createdAt: time(i.created_at),
        };
        const key = `${issue.repo}#${issue.number}`;
        if (!seen.has(key)) out.push(issue);
        seen.add(key);
      }
    }
    return out;
  }

  /**
   * Open milestones, soonest due first. The closing rate counts the milestone's issues and PRs
   * with `closed_at` in the last 14 days (one request per dated milestone that still has open
   * work; `since` narrows by update time, which every close also sets).
   */
  async openMilestones(repo: string, now = Date.now()): Promise<OpenMilestone[]> {
    const [owner, name] = repo.split('/');
    const { data } = await this.octokit.rest.issues.listMilestones({ owner, repo: name, state: 'open', sort: 'due_on', direction: 'asc', per_page: 100 });
    const windowStart = now - MILESTONE_WINDOW_DAYS * 86_400_000;
    // Whole days, so the URL (and its cached validator) stays the same all day.
    const since = new Date(Math.floor(windowStart / 86_400_000) * 86_400_000).toISOString();
    return mapLimited(array(data, 'milestones'), DETAIL_CONCURRENCY, async (raw) => {
      const m = object(raw, 'milestone');
      const number = requiredNum(m.number, 'milestone number');
      const open = num(m.open_issues);
      const dueOn = typeof m.due_on === 'string' ? m.due_on : null;
      let closedRecently = 0;
      if (dueOn !== null && open > 0) {
        const closed = await this.octokit.rest.issues.listForRepo({ owner, repo: name, milestone: String(number), state: 'closed', since, per_page: 100 });
        closedRecently = array(closed.data, 'issues').filter((i) => time((i as Json).closed_at) >= windowStart).length;
      }
      return { repo, number, title: str(m.title, '(no title)'), url: safeUrl(m.html_url, this.webHost), open, closed: num(m.closed_issues), dueOn, closedRecently };
    });
  }

  /** Adds `toLabel`, then removes `fromLabel` (if any, and if it is still there). */
  async escalate(repo: string, number: number, fromLabel: string | null, toLabel: string): Promise<void> {
    await this.addLabels(repo, number, [toLabel]);
    if (fromLabel !== null && fromLabel.toLowerCase() !== toLabel.toLowerCase()) {
      await this.removeLabel(repo, number, fromLabel).catch((e: unknown) => {
        if ((e as { kind?: string }).kind !== 'not-found') throw e;
      });
    }
  }

  /** GitHub's user status has no REST endpoint: GraphQL `changeUserStatus`. */
  async setUserStatus(status: { message: string; emoji: string; busy: boolean; expiresAt: Date } | null): Promise<void> {
    const input = status
      ? { message: status.message, emoji: status.emoji, limitedAvailability: status.busy, expiresAt: status.expiresAt.toISOString() }
      : { message: null, emoji: null, limitedAvailability: false };
    await this.octokit.graphql(
      'mutation($input: ChangeUserStatusInput!) { changeUserStatus(input: $input) { status { message } } }',
      { input },
    );
  }
}

/** `Promise.all` over `fn` with at most `limit` in flight: a burst of 100 requests would trip GitHub's secondary limit. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
