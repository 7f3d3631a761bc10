/**
 * The typed face of GitHub for the features. Only `src/github/` knows Octokit, URLs, search
 * syntax, pagination and ETags; features get plain data they can render and test.
 */
import { withDueLine } from '../core/issueDue';
import type { GitHubService, PostedComment, SearchPage } from './githubService';
import { GitHubFailure } from './transport/failure';
import { GitHubTransport } from './transport/transport';
import {
  MILESTONE_WINDOW_DAYS, chunkQueries,
  type IncidentIssue, type NotificationThread, type OpenMilestone, type WorkflowStatus,
} from './morningReviewData';
import { removeReviewRequest, requestReviewers, reviewAccess, type RequestedReviewers } from './ops/reviewRequests';
import { nudgeAnswers } from './ops/nudgeAnswers';
import type { ItemActivity, NudgeRecord } from '../core/nudges';
import { mergeMethodOf, mergePull, type MergeMethod } from './ops/mergeMethod';
import { morningReviewRequest, readMorningReview, type MorningReviewGitHub } from './ops/morningReviewQuery';
import * as notifications from './ops/notifications';
import * as runs from './ops/runs';
import { setUserStatus, type UserStatus } from './ops/userStatus';
import { array, labelNames, login, num, object, repoFromUrl, requiredNum, safeUrl, searchResults, str, time, type Json } from './parse';
import { SIDEBAR_QUERY, SidebarPager, type SidebarData } from './ops/sidebarQuery';
import { loadTeam, type TeamLoadData } from './ops/teamLoadQuery';
import { mapLimited } from './transport/mapLimited';
import { sendOnce, type WriteResult } from './transport/writeOnce';

export type { GitHubService, PostedComment, SearchPage } from './githubService';

/** Search pages fetched at most; GitHub never returns more than 1,000 results anyway. */
const MAX_SEARCH_PAGES = 5;
const DETAIL_CONCURRENCY = 6;
/**
 * How far back a read-back looks for the comment a lost answer may have posted: GitHub's clock and
 * ours may disagree by a few minutes, and a comment is matched by author and exact text.
 */
const READ_BACK_WINDOW_MS = 10 * 60_000;

/** A comment's text as GitHub keeps it (line ends normalised), to find the one a lost answer posted. */
const commentText = (s: string): string => s.replace(/\r\n/g, '\n').trim();

/** The GitHub of one signed-in session (see `GitHubConnection`); features see it as a `GitHubService`. */
export class GitHubClient extends GitHubTransport implements GitHubService {
  private meCache: Promise<string> | undefined;
  /** The Morning Review query in flight, shared by the sections that read it (incidents, milestones). */
  private reviewQuery: { key: string; answer: Promise<MorningReviewGitHub> } | undefined;

  /** The signed-in user's login, asked once per session (GraphQL `viewer`, 1 point). */
  me(): Promise<string> {
    this.meCache ??= this.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }')
      .then((d) => {
        const login = d?.viewer?.login;
        if (typeof login !== 'string' || login === '') throw new GitHubFailure('malformed', 'viewer has no login');
        return login;
      })
      .catch((e: unknown) => { this.meCache = undefined; throw e; });
    return this.meCache;
  }

  /** See `GitHubOctokit.onAttemptFailed`: failures seen before the retries, for an early notice. */
  onAttemptFailed(listener: (failure: GitHubFailure) => void): () => void {
    return this.octokit.onAttemptFailed(listener);
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
   * Everything the sidebar and the queue show, in one GraphQL round trip up to 100 items a list
   * (50 own PRs); a list with more is paged on its own cursor, up to GitHub's 1,000 cap. Partial
   * `errors` keep what came and name what is missing. Delegated issues are filtered to the
   * watched repos here: one search for all repos keeps the query short and the cost flat.
   * `onPage` sees the data after each round trip, so a long list shows before its last page.
   */
  async sidebar(repos: readonly string[], onPage?: (partial: SidebarData) => void): Promise<SidebarData> {
    const pager = new SidebarPager();
    const watched = new Set(repos.map((r) => r.toLowerCase()));
    const filtered = (d: SidebarData): SidebarData => ({
      ...d, delegatedIssues: d.delegatedIssues.filter((i) => i.assignees.length > 0 && (watched.size === 0 || watched.has(i.repo.toLowerCase()))),
    });
    for (let vars = pager.next(); vars !== null; vars = pager.next()) {
      const { data, errors } = await this.graphqlWithErrors(SIDEBAR_QUERY, vars, { what: 'sidebar query' });
      if (data !== null && (typeof data !== 'object' || Array.isArray(data))) throw new GitHubFailure('malformed', 'the sidebar answer is not an object');
      pager.accept(data as Json | null, errors);
      if (onPage && pager.next() !== null) onPage(filtered(pager.result(this.webHost)));
    }
    return filtered(pager.result(this.webHost));
  }

  /** The review load of `members` over the watched `repos`, in one GraphQL round trip (see `loadTeam`). */
  teamLoad(members: readonly string[], repos: readonly string[]): Promise<TeamLoadData> {
    return loadTeam((query, variables) => this.graphqlWithErrors(query, variables), members, repos, this.webHost);
  }

  /**
   * Incidents and open milestones (counts, due date, closed in the last 14 days) of all `repos`
   * in one aliased GraphQL query. Sections loading together share one query in flight; a section
   * loaded again (Retry, the next review) asks again. A repo that fails is a `GitHubFailure` in
   * `milestones`; failed incident searches are `incidentsError`.
   */
  morningReview(repos: readonly string[], severityLabels: readonly string[], now = Date.now()): Promise<MorningReviewGitHub> {
    const key = JSON.stringify([repos, severityLabels]);
    if (this.reviewQuery?.key === key) return this.reviewQuery.answer;
    const req = morningReviewRequest(repos, severityLabels, now);
    const answer = (async () => {
      const { data, errors } = await this.graphqlWithErrors(req.query, req.variables, { what: 'morning review query', needData: true });
      if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new GitHubFailure('malformed', 'the morning review answer is not an object');
      const read = readMorningReview(req, data as Json, errors, now, this.webHost);
      // Rare: more than the query reads. The REST routes page; only what overflowed goes there.
      const incidents = read.moreIncidents && read.incidents !== null ? await this.incidents(repos, severityLabels) : read.incidents;
      const milestones = new Map(read.milestones);
      await Promise.all(read.moreMilestones.map(async (repo) => {
        milestones.set(repo, await this.openMilestones(repo, now).catch((e: unknown) => (e instanceof GitHubFailure ? e : new GitHubFailure('server', String(e)))));
      }));
      return { ...read, incidents, milestones };
    })();
    const entry = { key, answer };
    this.reviewQuery = entry;
    const clear = () => { if (this.reviewQuery === entry) this.reviewQuery = undefined; };
    answer.then(clear, clear);
    return answer;
  }

  async collaborators(repo: string): Promise<string[]> {
    const [owner, name] = repo.split('/');
    const { data } = await this.octokit.rest.repos.listCollaborators({ owner, repo: name, per_page: 100 });
    return array(data, 'collaborators').map(login);
  }

  /**
   * Posts a comment once; after a lost answer, finds it among the issue's recent comments by the
   * viewer with the same text — and newer than every such comment there was before sending (a
   * nudge's default text repeats: an earlier nudge must not read as this one).
   */
  async comment(repo: string, number: number, body: string): Promise<PostedComment> {
    const [owner, name] = repo.split('/');
    const sentAt = Date.now();
    const mine = async () => {
      const me = (await this.me()).toLowerCase();
      const since = new Date(sentAt - READ_BACK_WINDOW_MS).toISOString();
      const { data } = await this.octokit.rest.issues.listComments({ owner, repo: name, issue_number: number, since, per_page: 100 });
      return array(data, 'comments').map((c) => object(c, 'comment'))
        .filter((c) => login(c.user).toLowerCase() === me && commentText(str(c.body)) === commentText(body));
    };
    // Only when the same text was posted recently does the read-back need a line to draw: one read,
    // cheap next to a nudge sent twice. If it fails, nothing before counts (the read-back says so).
    const before = await mine().then((cs) => Math.max(0, ...cs.map((c) => Number(c.id) || 0)), () => Number.POSITIVE_INFINITY);
    return sendOnce(`the comment on ${repo}#${number} was posted`, async () => {
      const { data } = await this.octokit.rest.issues.createComment({ owner, repo: name, issue_number: number, body });
      return { url: safeUrl(object(data, 'comment').html_url, this.webHost) };
    }, async () => {
      if (!Number.isFinite(before)) throw new Error('the comments before sending could not be read');
      const posted = (await mine()).filter((c) => Number(c.id) > before).at(-1);
      return posted ? { url: safeUrl(posted.html_url, this.webHost) } : null;
    });
  }

  /** The issue (or PR) as REST has it, for reading back a write. */
  private async issue(repo: string, number: number): Promise<Json> {
    const [owner, name] = repo.split('/');
    return object((await this.octokit.rest.issues.get({ owner, repo: name, issue_number: number })).data, 'issue');
  }

  /**
   * Sets the `Due: YYYY-MM-DD` line of an issue's description (see `issueDue`), keeping the rest.
   * Returns false when the line was already there.
   */
  async writeDueLine(repo: string, number: number, date: string): Promise<boolean> {
    const [owner, name] = repo.split('/');
    const body = str((await this.issue(repo, number)).body);
    const updated = withDueLine(body, date);
    if (updated === body) return false;
    await sendOnce(`the due date of ${repo}#${number} was written`,
      async () => { await this.octokit.rest.issues.update({ owner, repo: name, issue_number: number, body: updated }); return {}; },
      async () => (str((await this.issue(repo, number)).body) === updated ? {} : null));
    return true;
  }

  async setAssignees(repo: string, number: number, assignees: string[]): Promise<void> {
    const [owner, name] = repo.split('/');
    const wanted = assignees.map((a) => a.toLowerCase()).sort().join(',');
    await sendOnce(`${repo}#${number} was reassigned`,
      async () => { await this.octokit.rest.issues.update({ owner, repo: name, issue_number: number, assignees }); return {}; },
      async () => {
        const now = array((await this.issue(repo, number)).assignees ?? [], 'assignees').map((a) => login(a).toLowerCase()).sort().join(',');
        return now === wanted ? {} : null;
      });
  }

  mergeMethod(repo: string): Promise<MergeMethod> {
    return mergeMethodOf(this, repo);
  }

  /** Merges once; after a lost answer, the pull request says whether it is merged. */
  merge(repo: string, number: number, method: MergeMethod, sha?: string): Promise<WriteResult> {
    const [owner, name] = repo.split('/');
    return sendOnce(`${repo}#${number} was merged`, async () => { await mergePull(this, repo, number, method, sha); return {}; }, async () => {
      const { data } = await this.octokit.rest.pulls.get({ owner, repo: name, pull_number: number });
      return object(data, 'pull request').merged === true ? {} : null;
    });
  }

  /** The labels of an issue or PR, lower case, for reading back a label write. */
  private async labelsOf(repo: string, number: number): Promise<Set<string>> {
    return new Set(labelNames((await this.issue(repo, number)).labels).map((l) => l.toLowerCase()));
  }

  async addLabels(repo: string, number: number, labels: string[]): Promise<void> {
    const [owner, name] = repo.split('/');
    await sendOnce(`${labels.join(', ')} was added to ${repo}#${number}`,
      async () => { await this.octokit.rest.issues.addLabels({ owner, repo: name, issue_number: number, labels }); return {}; },
      async () => { const now = await this.labelsOf(repo, number); return labels.every((l) => now.has(l.toLowerCase())) ? {} : null; });
  }

  async removeLabel(repo: string, number: number, label: string): Promise<void> {
    const [owner, name] = repo.split('/');
    await sendOnce(`${label} was removed from ${repo}#${number}`,
      async () => { await this.octokit.rest.issues.removeLabel({ owner, repo: name, issue_number: number, name: label }); return {}; },
      async () => ((await this.labelsOf(repo, number)).has(label.toLowerCase()) ? null : {}));
  }

  notifications(since?: Date): Promise<{ threads: NotificationThread[]; pollIntervalSeconds: number }> {
    return notifications.unreadThreads(this, since);
  }

  markThreadRead(id: string): Promise<void> {
    return notifications.markThreadRead(this, id);
  }

  /** The newest run of each workflow on the default branch, the repository's own runs only (see runs.ts). */
  latestDefaultBranchRuns(repo: string): Promise<WorkflowStatus[]> {
    return runs.latestDefaultBranchRuns(this, repo);
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

  defaultBranchRuns(repo: string): ReturnType<GitHubService['defaultBranchRuns']> {
    return runs.defaultBranchRuns(this, repo);
  }

  /**
   * Re-runs once; after a lost answer, the run says whether a new attempt started: its
   * `run_attempt` went up (a new attempt that already failed again is still one), or it is no
   * longer completed.
   */
  async rerunFailedJobs(repo: string, runId: number): Promise<true> {
    const [owner, name] = repo.split('/');
    const run = async () => object((await this.octokit.rest.actions.getWorkflowRun({ owner, repo: name, run_id: runId })).data, 'workflow run');
    const attemptBefore = Number((await run()).run_attempt) || 1;
    await sendOnce(`the failed jobs of run ${runId} in ${repo} were re-run`, async () => ({ started: await runs.rerunFailedJobs(this, repo, runId) }), async () => {
      const now = await run();
      return (Number(now.run_attempt) || 1) > attemptBefore || now.status !== 'completed' ? { started: true as const } : null;
    });
    return true;
  }

  requestReviewers(repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers & WriteResult> {
    return requestReviewers(this, repo, number, reviewers);
  }

  removeReviewRequest(repo: string, number: number, reviewers: readonly string[]): Promise<RequestedReviewers & WriteResult> {
    return removeReviewRequest(this, repo, number, reviewers);
  }

  reviewAccess(repo: string, members: readonly string[]): Promise<Map<string, boolean>> {
    return reviewAccess(this, repo, members);
  }

  nudgeAnswers(nudges: readonly NudgeRecord[]): Promise<Map<string, ItemActivity[]>> {
    return nudgeAnswers(this, nudges);
  }

  setUserStatus(status: UserStatus | null): Promise<void> {
    return setUserStatus(this, status);
  }
}
