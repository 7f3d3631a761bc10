// The fake GitHub's world as plain, JSON-serialisable data. The server renders GitHub shapes from
// it on every request (builders.ts), so tests mutate these records and the next response — and
// its ETag — reflects the change.

import type { TeamWorkScenario } from './teamWork';

/** ISO-8601 timestamp, e.g. `2024-05-06T09:00:00Z`. */
export type Iso = string;

export interface ScenarioUser {
  login: string;
  id: number;
  name: string | null;
  email?: string | null;
  company?: string | null;
  type?: 'User' | 'Bot';
  createdAt?: Iso;
}

export interface ScenarioOrg {
  login: string;
  id: number;
  name: string;
}

export interface ScenarioTeam {
  id: number;
  org: string;
  slug: string;
  name: string;
  description?: string | null;
  members: string[];
}

export interface ScenarioCollaborator {
  login: string;
  permission: 'admin' | 'maintain' | 'write' | 'triage' | 'read';
}

export interface ScenarioLabel {
  id: number;
  name: string;
  color: string;
  description?: string | null;
}

export interface ScenarioRepo {
  id: number;
  owner: string;
  name: string;
  private: boolean;
  description: string | null;
  language: string | null;
  defaultBranch: string;
  /** Branch name → head commit sha. */
  branches: Record<string, string>;
  collaborators: ScenarioCollaborator[];
  labels: ScenarioLabel[];
  createdAt: Iso;
  pushedAt: Iso;
  /** The merge methods the repo allows (all three when absent), in GitHub's order of preference. */
  mergeMethods?: ('merge' | 'squash' | 'rebase')[];
  /** `owner/name` of the repo this one is a fork of (`fork: true`). */
  forkOf?: string;
}

export interface ScenarioMilestone {
  id: number;
  repo: string; // owner/name
  number: number;
  title: string;
  description: string | null;
  state: 'open' | 'closed';
  creator: string;
  dueOn: Iso | null;
  createdAt: Iso;
  updatedAt: Iso;
  closedAt: Iso | null;
  /** Counts to report; when absent they are computed from the scenario's issues and pulls. */
  openIssues?: number;
  closedIssues?: number;
}

/** Fields shared by issues and pull requests: on GitHub every PR is also an issue. */
export interface ScenarioIssue {
  id: number;
  repo: string; // owner/name
  number: number;
  title: string;
  body: string | null;
  author: string;
  state: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened' | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  locked?: boolean;
  createdAt: Iso;
  updatedAt: Iso;
  closedAt: Iso | null;
}

export interface ScenarioPull extends ScenarioIssue {
  /** Id of the pull-request object (distinct from the issue id, as on GitHub). */
  pullId: number;
  draft: boolean;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  requestedReviewers: string[];
  /** `org/slug` of requested teams. */
  requestedTeams: string[];
  additions: number;
  deletions: number;
  changedFiles: number;
  commits: number;
  /** When each commit was made, oldest first (the last is the head); absent: all at `createdAt`. */
  commitDates?: Iso[];
  mergedAt: Iso | null;
  mergedBy?: string | null;
}

export interface ScenarioReview {
  id: number;
  repo: string;
  pull: number;
  user: string;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';
  body: string;
  commitId: string;
  submittedAt: Iso;
}

export interface ScenarioComment {
  id: number;
  repo: string;
  issue: number;
  user: string;
  body: string;
  createdAt: Iso;
  updatedAt: Iso;
}

/** Issue events that the timeline shows; comments and reviews join the timeline on their own. */
export interface ScenarioTimelineEvent {
  id: number;
  repo: string;
  issue: number;
  event: 'review_requested' | 'review_request_removed' | 'ready_for_review' | 'convert_to_draft' | 'assigned' | 'unassigned' | 'labeled' | 'unlabeled' | 'closed' | 'reopened';
  actor: string;
  createdAt: Iso;
  requestedReviewer?: string;
  /** `org/slug` */
  requestedTeam?: string;
  assignee?: string;
  label?: string;
}

export type NotificationReason =
  | 'approval_requested' | 'assign' | 'author' | 'ci_activity' | 'comment' | 'invitation' | 'manual'
  | 'member_feature_requested' | 'mention' | 'review_requested' | 'security_alert' | 'security_advisory_credit'
  | 'state_change' | 'subscribed' | 'team_mention';

export interface ScenarioNotification {
  id: string;
  repo: string;
  reason: NotificationReason;
  unread: boolean;
  updatedAt: Iso;
  lastReadAt: Iso | null;
  subject: {
    title: string;
    type: 'PullRequest' | 'Issue' | 'CheckSuite' | 'Release' | 'Discussion' | 'Commit';
    /** Issue/PR number the subject URL points at (the id, for releases and check suites). */
    number?: number;
    /** Id of the latest comment, for `latest_comment_url`. */
    latestCommentId?: number;
  };
}

export interface ScenarioWorkflow {
  id: number;
  repo: string;
  name: string;
  path: string;
  state: 'active' | 'disabled_manually';
  createdAt: Iso;
  updatedAt: Iso;
}

export type RunStatus = 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
export type RunConclusion = 'success' | 'failure' | 'neutral' | 'cancelled' | 'skipped' | 'timed_out' | 'action_required';

export interface ScenarioWorkflowRun {
  id: number;
  repo: string;
  workflowId: number;
  runNumber: number;
  event: 'push' | 'pull_request' | 'pull_request_target' | 'schedule' | 'workflow_dispatch' | 'merge_group' | 'workflow_run';
  headBranch: string;
  /** `owner/name` of the repo the head commit is in, when not `repo` (a fork's pull request). */
  headRepo?: string;
  headSha: string;
  status: RunStatus;
  conclusion: RunConclusion | null;
  /** GitHub's `run_attempt`: 1, and one more for each re-run. */
  attempt?: number;
  actor: string;
  createdAt: Iso;
  runStartedAt: Iso;
  updatedAt: Iso;
}

export interface ScenarioCheckRun {
  id: number;
  repo: string;
  headSha: string;
  name: string;
  status: RunStatus;
  conclusion: RunConclusion | null;
  startedAt: Iso;
  completedAt: Iso | null;
}

export interface ScenarioCommitStatus {
  id: number;
  repo: string;
  sha: string;
  context: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  description: string | null;
  createdAt: Iso;
}

export interface UserStatus {
  message: string | null;
  emoji: string | null;
  indicatesLimitedAvailability: boolean;
  expiresAt: Iso | null;
}

export interface Scenario {
  /** Login of the authenticated user. */
  me: string;
  users: ScenarioUser[];
  orgs: ScenarioOrg[];
  teams: ScenarioTeam[];
  repos: ScenarioRepo[];
  milestones: ScenarioMilestone[];
  issues: ScenarioIssue[];
  pulls: ScenarioPull[];
  reviews: ScenarioReview[];
  comments: ScenarioComment[];
  timeline: ScenarioTimelineEvent[];
  notifications: ScenarioNotification[];
  workflows: ScenarioWorkflow[];
  runs: ScenarioWorkflowRun[];
  checkRuns: ScenarioCheckRun[];
  statuses: ScenarioCommitStatus[];
  /** The GitHub user status set through GraphQL `changeUserStatus`. */
  userStatus: UserStatus | null;
  /** Next id handed out by `nextId`. */
  idSeq: number;
  /** Merge queue, auto-merge, merge states and closing issues (teamWork.ts); absent: none. */
  teamWork?: TeamWorkScenario;
}

/** A world with only the authenticated user in it. */
export function emptyScenario(me = 'lead'): Scenario {
  return {
    me,
    users: [{ login: me, id: 1, name: null }],
    orgs: [], teams: [], repos: [], milestones: [], issues: [], pulls: [], reviews: [], comments: [],
    timeline: [], notifications: [], workflows: [], runs: [], checkRuns: [], statuses: [],
    userStatus: null,
    idSeq: 1000,
  };
}

export function nextId(s: Scenario): number {
  s.idSeq += 1;
  return s.idSeq;
}

/** `owner/name` of a repo record. */
export function fullName(r: ScenarioRepo): string {
  return `${r.owner}/${r.name}`;
}

export function findRepo(s: Scenario, owner: string, name: string): ScenarioRepo | undefined {
  const key = `${owner}/${name}`.toLowerCase();
  return s.repos.find((r) => fullName(r).toLowerCase() === key);
}

/** Issue or PR by number: they share one number space per repo, as on GitHub. */
export function findIssueOrPull(s: Scenario, repo: string, num: number): ScenarioIssue | ScenarioPull | undefined {
  return s.pulls.find((p) => p.repo === repo && p.number === num) ?? s.issues.find((i) => i.repo === repo && i.number === num);
}

export function isPull(item: ScenarioIssue): item is ScenarioPull {
  return 'pullId' in item;
}

export function nextNumber(s: Scenario, repo: string): number {
  let max = 0;
  for (const i of [...s.issues, ...s.pulls]) if (i.repo === repo && i.number > max) max = i.number;
  return max + 1;
}

/** A deterministic 40-hex commit sha derived from a seed string. */
export function fakeSha(seed: string): string {
  let h1 = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    for (const ch of `${seed}#${round}`) h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h1.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

/** ISO timestamp without milliseconds, the way GitHub prints them. */
export function iso(d: Date): Iso {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Teams (as `org/slug`) that a user belongs to. */
export function teamsOf(s: Scenario, login: string): string[] {
  return s.teams.filter((t) => t.members.includes(login)).map((t) => `${t.org}/${t.slug}`);
}

export interface NewPull extends Partial<Omit<ScenarioPull, 'repo' | 'title' | 'author'>> {
  repo: string;
  title: string;
  author: string;
}

/** Add an open PR (with sensible defaults) and return it; tests use this to change the world. */
export function addPull(s: Scenario, p: NewPull, now = new Date()): ScenarioPull {
  const number = p.number ?? nextNumber(s, p.repo);
  const repo = s.repos.find((r) => fullName(r) === p.repo);
  const baseRef = p.base?.ref ?? repo?.defaultBranch ?? 'main';
  const pull: ScenarioPull = {
    id: nextId(s), pullId: nextId(s), number, body: null, state: 'open', labels: [], assignees: [], milestone: null,
    createdAt: iso(now), updatedAt: iso(now), closedAt: null, draft: false,
    head: { ref: `${p.author}/change-${number}`, sha: fakeSha(`${p.repo}#${number}:head`) },
    base: { ref: baseRef, sha: repo?.branches[baseRef] ?? fakeSha(`${p.repo}:${baseRef}`) },
    requestedReviewers: [], requestedTeams: [], additions: 10, deletions: 2, changedFiles: 1, commits: 1,
    mergedAt: null, mergedBy: null,
    ...p,
  };
  s.pulls.push(pull);
  return pull;
}

export interface NewIssue extends Partial<Omit<ScenarioIssue, 'repo' | 'title' | 'author'>> {
  repo: string;
  title: string;
  author: string;
}

export function addIssue(s: Scenario, i: NewIssue, now = new Date()): ScenarioIssue {
  const issue: ScenarioIssue = {
    id: nextId(s), number: i.number ?? nextNumber(s, i.repo), body: null, state: 'open', labels: [], assignees: [],
    milestone: null, createdAt: iso(now), updatedAt: iso(now), closedAt: null,
    ...i,
  };
  s.issues.push(issue);
  return issue;
}

/**
 * Request a review from a user or a team (`org/slug`) on a PR, recording the timeline event
 * GitHub would show — that event's time is what "waiting since" is measured from.
 */
export function requestReview(s: Scenario, pull: ScenarioPull, reviewer: { user: string } | { team: string }, at: Date, actor = pull.author): void {
  const event: ScenarioTimelineEvent = { id: nextId(s), repo: pull.repo, issue: pull.number, event: 'review_requested', actor, createdAt: iso(at) };
  if ('user' in reviewer) {
    if (!pull.requestedReviewers.includes(reviewer.user)) pull.requestedReviewers.push(reviewer.user);
    event.requestedReviewer = reviewer.user;
  } else {
    if (!pull.requestedTeams.includes(reviewer.team)) pull.requestedTeams.push(reviewer.team);
    event.requestedTeam = reviewer.team;
  }
  s.timeline.push(event);
}

/** Mark a draft PR ready for review (or turn it back into a draft), with its timeline event. */
export function setDraft(s: Scenario, pull: ScenarioPull, draft: boolean, at: Date, actor = pull.author): void {
  pull.draft = draft;
  pull.updatedAt = iso(at);
  s.timeline.push({ id: nextId(s), repo: pull.repo, issue: pull.number, event: draft ? 'convert_to_draft' : 'ready_for_review', actor, createdAt: iso(at) });
}

/** Close an issue or PR (optionally merging a PR), as GitHub does on merge/close. */
export function closeItem(item: ScenarioIssue, at = new Date(), merged = false): void {
  item.state = 'closed';
  item.closedAt = iso(at);
  item.updatedAt = iso(at);
  if (isPull(item)) {
    if (merged) item.mergedAt = iso(at);
  } else {
    item.stateReason = 'completed';
  }
}
