// The merge queue, auto-merge and the issues a PR closes, as plain data beside the scenario
// (`scenario.teamWork`), with builders for tests. GraphQL serves them in graphql/teamResolvers.ts.
// Bots need nothing new: a user `{ login: 'copilot-swe-agent[bot]', type: 'Bot' }` is GraphQL's
// `Bot { login: "copilot-swe-agent" }` as author, reviewer and requested reviewer.
import { type Iso, type Scenario, type ScenarioPull, iso, nextId } from './scenario';

export type MergeStateStatus = 'BEHIND' | 'BLOCKED' | 'CLEAN' | 'DIRTY' | 'DRAFT' | 'HAS_HOOKS' | 'UNKNOWN' | 'UNSTABLE';
export type QueueEntryState = 'AWAITING_CHECKS' | 'LOCKED' | 'MERGEABLE' | 'QUEUED' | 'UNMERGEABLE';

export interface ScenarioQueueEntry {
  id: number;
  repo: string;
  pull: number;
  /** The base branch whose queue it is in. */
  branch: string;
  enqueuer: string;
  enqueuedAt: Iso;
  /** GitHub's estimate in seconds; null: none. */
  estimatedSeconds: number | null;
  state: QueueEntryState;
}

export interface ScenarioQueueEvent {
  id: number;
  repo: string;
  pull: number;
  kind: 'added' | 'removed';
  actor: string;
  createdAt: Iso;
  /** A removal's reason, in GitHub's words. */
  reason?: string;
}

export interface ScenarioAutoMerge {
  repo: string;
  pull: number;
  enabledBy: string;
  enabledAt: Iso;
  method: 'MERGE' | 'SQUASH' | 'REBASE';
}

export interface TeamWorkScenario {
  /** `owner/repo:branch` whose branch protection requires the merge queue. */
  queueBranches: string[];
  /** In queue order per branch: the position is the place among the same branch's entries. */
  queue: ScenarioQueueEntry[];
  queueEvents: ScenarioQueueEvent[];
  autoMerge: ScenarioAutoMerge[];
  /** `owner/repo#n` → GitHub's merge state; absent: DRAFT for a draft, CLEAN otherwise. */
  mergeState: Record<string, MergeStateStatus>;
  /** The issues each PR closes (`owner/repo#n` of the PR → issue numbers in its repo). */
  closes: Record<string, number[]>;
}

const key = (repo: string, number: number): string => `${repo}#${number}`;

/** The scenario's team-work data, created empty on first use. */
export function teamWork(s: Scenario): TeamWorkScenario {
  s.teamWork ??= { queueBranches: [], queue: [], queueEvents: [], autoMerge: [], mergeState: {}, closes: {} };
  return s.teamWork;
}

export const queueRequired = (s: Scenario, pull: ScenarioPull): boolean => teamWork(s).queueBranches.includes(`${pull.repo}:${pull.base.ref}`);
export const queueEntryOf = (s: Scenario, pull: ScenarioPull): ScenarioQueueEntry | undefined =>
  s.teamWork?.queue.find((e) => e.repo === pull.repo && e.pull === pull.number);
/** 1-based, among the entries of the same branch. */
export const queuePosition = (s: Scenario, entry: ScenarioQueueEntry): number =>
  teamWork(s).queue.filter((e) => e.repo === entry.repo && e.branch === entry.branch).indexOf(entry) + 1;
export const mergeStateOf = (s: Scenario, pull: ScenarioPull): MergeStateStatus =>
  s.teamWork?.mergeState[key(pull.repo, pull.number)] ?? (pull.draft ? 'DRAFT' : 'CLEAN');

/** Protects `repo`'s `branch` (its default when absent) with a merge queue. */
export function requireMergeQueue(s: Scenario, repo: string, branch?: string): void {
  const b = branch ?? s.repos.find((r) => `${r.owner}/${r.name}` === repo)?.defaultBranch ?? 'main';
  const w = teamWork(s);
  if (!w.queueBranches.includes(`${repo}:${b}`)) w.queueBranches.push(`${repo}:${b}`);
}

/** Adds the PR at the back of its branch's queue, with GitHub's AddedToMergeQueueEvent. */
export function enqueue(s: Scenario, pull: ScenarioPull, at: Date, opts: { by?: string; estimatedSeconds?: number | null; state?: QueueEntryState } = {}): ScenarioQueueEntry {
  const w = teamWork(s);
  const by = opts.by ?? s.me;
  const entry: ScenarioQueueEntry = {
    id: nextId(s), repo: pull.repo, pull: pull.number, branch: pull.base.ref, enqueuer: by, enqueuedAt: iso(at),
    estimatedSeconds: opts.estimatedSeconds === undefined ? 600 : opts.estimatedSeconds, state: opts.state ?? 'QUEUED',
  };
  w.queue.push(entry);
  w.queueEvents.push({ id: nextId(s), repo: pull.repo, pull: pull.number, kind: 'added', actor: by, createdAt: iso(at) });
  return entry;
}

/** Takes the PR out of the queue, with GitHub's RemovedFromMergeQueueEvent and its reason. */
export function dequeue(s: Scenario, pull: ScenarioPull, at: Date, reason: string, by = 'github-merge-queue[bot]'): void {
  const w = teamWork(s);
  w.queue = w.queue.filter((e) => !(e.repo === pull.repo && e.pull === pull.number));
  w.queueEvents.push({ id: nextId(s), repo: pull.repo, pull: pull.number, kind: 'removed', actor: by, createdAt: iso(at), reason });
}

export function enableAutoMerge(s: Scenario, pull: ScenarioPull, at: Date, method: ScenarioAutoMerge['method'] = 'SQUASH', by = s.me): void {
  const w = teamWork(s);
  w.autoMerge = w.autoMerge.filter((a) => !(a.repo === pull.repo && a.pull === pull.number));
  w.autoMerge.push({ repo: pull.repo, pull: pull.number, enabledBy: by, enabledAt: iso(at), method });
}

export function setMergeState(s: Scenario, pull: ScenarioPull, state: MergeStateStatus): void {
  teamWork(s).mergeState[key(pull.repo, pull.number)] = state;
}

/** Links the PR to issues of its repo it closes ("Fixes #n"), as `closingIssuesReferences` reads them. */
export function linkClosingIssues(s: Scenario, pull: ScenarioPull, issues: number[]): void {
  const w = teamWork(s);
  w.closes[key(pull.repo, pull.number)] = [...new Set([...(w.closes[key(pull.repo, pull.number)] ?? []), ...issues])];
}

export const closingIssueNumbers = (s: Scenario, pull: ScenarioPull): number[] => s.teamWork?.closes[key(pull.repo, pull.number)] ?? [];
