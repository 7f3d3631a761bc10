/**
 * Red-build alerts: which workflows on a watched repo's default branch are red, and which just
 * turned red (success → failure) and deserve one notification. Pure: the store runs `observe`
 * under its lock, so two windows polling at once notify once between them.
 */
import { withoutIconSyntax } from './iconSyntax';

/** One run as the alerts read it (any branch, any status: filtering happens here). */
export interface AlertRun {
  readonly workflowId: number;
  readonly name: string;
  readonly runId: number;
  readonly headBranch: string;
  /** `completed`, `in_progress`, `queued`… */
  readonly status: string;
  /** GitHub's conclusion for a completed run (`success`, `failure`, `cancelled`…), else ''. */
  readonly conclusion: string;
  readonly createdAt: number;
  readonly url: string;
}

/**
 * Whose alert state a record is: one GitHub (its API origin, `https://api.github.com`) and one
 * account there. `acme/app` on a GHE server and on github.com are different repositories, and
 * one account's private repositories are not another's business.
 */
export interface AlertOwner {
  readonly origin: string;
  /** The login; '' for a record from before alerts had owners, not yet claimed (see `observe`). */
  readonly account: string;
}

/** What is remembered per workflow, in the shared store. */
export interface WorkflowAlert extends AlertOwner {
  readonly repo: string;
  readonly workflowId: number;
  readonly name: string;
  readonly state: 'green' | 'red';
  /** The run that set the state (the latest completed one seen). */
  readonly runId: number;
  readonly url: string;
  /** When the workflow last changed state (or was first seen). */
  readonly since: number;
}

export type AlertState = Readonly<Record<string, WorkflowAlert>>;

/** {@link Settings.alerts}: everything, nothing, or workflows picked by name. */
export type AlertScope = 'all' | 'off' | readonly string[];

export const FAILED_CONCLUSIONS: ReadonlySet<string> = new Set(['failure', 'timed_out', 'startup_failure']);

export function alertKey(owner: AlertOwner, repo: string, workflowId: number): string {
  return `${owner.origin} ${owner.account.toLowerCase()} ${repo.toLowerCase()}#${workflowId}`;
}

export function sameOwner(a: AlertOwner, b: AlertOwner): boolean {
  return a.origin === b.origin && a.account.toLowerCase() === b.account.toLowerCase();
}

/**
 * Gives `owner` the records of its origin that have no account yet (a file written before alerts
 * had owners): that state was the signed-in account's then. A record the owner already has wins.
 */
function claimUnowned(state: Record<string, WorkflowAlert>, owner: AlertOwner): boolean {
  let changed = false;
  for (const [key, alert] of Object.entries(state)) {
    if (alert.account !== '' || alert.origin !== owner.origin || owner.account === '') continue;
    delete state[key];
    const claimed = { ...alert, account: owner.account };
    const mine = alertKey(owner, alert.repo, alert.workflowId);
    if (!Object.hasOwn(state, mine)) state[mine] = claimed;
    changed = true;
  }
  return changed;
}

/**
 * A selector in the scope matches a workflow by its name (`deploy`, any watched repo) or by repo
 * and name (`acme/infra deploy`), case-insensitively.
 */
export function inScope(scope: AlertScope, repo: string, workflowName: string): boolean {
  if (scope === 'all') return true;
  if (scope === 'off') return false;
  const name = workflowName.trim().toLowerCase();
  const full = `${repo.toLowerCase()} ${name}`;
  return scope.some((s) => {
    const wanted = s.trim().toLowerCase();
    return wanted === name || wanted === full;
  });
}

/**
 * The latest completed run of each workflow on `branch` that says green or red. Runs on other
 * branches, runs still in progress, and cancelled or skipped runs say nothing either way.
 */
export function latestVerdicts(runs: readonly AlertRun[], branch: string): Map<number, AlertRun & { readonly red: boolean }> {
  const out = new Map<number, AlertRun & { red: boolean }>();
  const sorted = [...runs].sort((a, b) => b.createdAt - a.createdAt || b.runId - a.runId);
  for (const r of sorted) {
    if (r.headBranch !== branch || r.status !== 'completed' || out.has(r.workflowId)) continue;
    const red = FAILED_CONCLUSIONS.has(r.conclusion);
    if (!red && r.conclusion !== 'success') continue;
    out.set(r.workflowId, { ...r, red });
  }
  return out;
}

export interface Observation {
  /** Workflows that turned from green to red: one notification each. */
  readonly newFailures: readonly WorkflowAlert[];
  /** Workflows that turned from red to green. */
  readonly recovered: readonly WorkflowAlert[];
  /** True when the state changed (anything worth writing). */
  readonly changed: boolean;
}

/**
 * Folds one poll of `repo` by `owner` into `state` (mutated: it is the store's draft); other
 * owners' records are left alone. A workflow seen for the first time is a baseline — red shows,
 * but nothing "turned" red, so nothing notifies. A red workflow that fails again keeps its state
 * (no second notification). Workflows out of `scope` are forgotten, so narrowing the setting
 * clears their status-bar entry. `runs` are the repository's own runs on the branch (a fork's
 * pull-request runs on a branch of the same name say nothing: see `isOwnBranchRun`).
 */
export function observe(
  state: Record<string, WorkflowAlert>, owner: AlertOwner, repo: string, branch: string, runs: readonly AlertRun[], scope: AlertScope, now: number,
): Observation {
  const newFailures: WorkflowAlert[] = [];
  const recovered: WorkflowAlert[] = [];
  let changed = claimUnowned(state, owner);
  for (const [key, alert] of Object.entries(state)) {
    if (sameOwner(alert, owner) && alert.repo.toLowerCase() === repo.toLowerCase() && !inScope(scope, alert.repo, alert.name)) {
      delete state[key];
      changed = true;
    }
  }
  for (const run of latestVerdicts(runs, branch).values()) {
    if (!inScope(scope, repo, run.name)) continue;
    const key = alertKey(owner, repo, run.workflowId);
    const before = Object.hasOwn(state, key) ? state[key] : undefined;
    const next: WorkflowAlert = {
      origin: owner.origin, account: owner.account, repo, workflowId: run.workflowId, name: run.name, state: run.red ? 'red' : 'green', runId: run.runId, url: run.url,
      since: before && before.state === (run.red ? 'red' : 'green') ? before.since : now,
    };
    if (before && before.runId === next.runId && before.state === next.state && before.name === next.name) continue;
    // Only a run newer than the one remembered moves the state (an older page must not undo it).
    if (before && run.runId < before.runId) continue;
    state[key] = next;
    changed = true;
    if (before?.state === 'green' && next.state === 'red') newFailures.push(next);
    if (before?.state === 'red' && next.state === 'green') recovered.push(next);
  }
  return { newFailures, recovered, changed };
}

/** The red workflows of `owner`, oldest failure first, for the status bar. */
export function redWorkflows(state: AlertState, owner: AlertOwner, scope: AlertScope = 'all'): WorkflowAlert[] {
  return Object.values(state)
    .filter((a) => a.state === 'red' && sameOwner(a, owner) && inScope(scope, a.repo, a.name))
    .sort((a, b) => a.since - b.since || a.repo.localeCompare(b.repo) || a.name.localeCompare(b.name));
}

/**
 * The stored state of the workflow `alert` is about, if `alert`'s run is still its red run: a
 * button on an old notification must not re-run a run that a newer one has replaced, or that
 * passed since.
 */
export function currentRedRun(state: AlertState, alert: WorkflowAlert): WorkflowAlert | undefined {
  const key = alertKey(alert, alert.repo, alert.workflowId);
  const now = Object.hasOwn(state, key) ? state[key] : undefined;
  return now && now.state === 'red' && now.runId === alert.runId ? now : undefined;
}

/** `acme/infra deploy` */
export function alertLabel(a: Pick<WorkflowAlert, 'repo' | 'name'>): string {
  return `${a.repo} ${a.name}`;
}

/** The status-bar text: `$(error) acme/infra deploy`, `$(error) acme/infra deploy +2`, or '' when all is green. */
export function alertStatusText(red: readonly WorkflowAlert[]): string {
  if (red.length === 0) return '';
  const first = withoutIconSyntax(alertLabel(red[0]!));
  return `$(error) ${first}${red.length > 1 ? ` +${red.length - 1}` : ''}`;
}
