/** The {@link Views.work} tree: Delegated work and Pending reviews, built from the WorkModel. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { formatClock } from '../core/clock';
import type { DueBucket } from '../core/dueDates';
import { LOW_BUDGET_MINUTES, LOW_BUDGET_SHARE, isBudgetLow } from '../core/refreshBudget';
import { OWN_GROUP_ORDER, REVIEW_GROUP_ORDER } from '../core/inboxEntries';
import { badgeOf, type OwnPullDecision, type ReviewDecision } from '../core/itemDecisions';
import type { InboxState } from '../core/inbox';
import { Commands, ContextKeys, SETTINGS_SECTION, Settings, Views } from '../ids';
import { Disposable } from '../util/disposable';
import { AgentPullNode, BucketNode, GroupNode, IssueNode, NoticeNode, TaskNode, type WorkNode } from './nodes';
import type { NudgeLog } from '../inbox/nudgeLog';
import { InboxStateNode, OwnPullNode, ReviewNode } from './inboxNodes';
import type { LazyTooltip } from './nodeParts';
import { showTeamTurnaround, TeamGroupNode } from './teamNodes';
import type { Decisions, InboxDecisions } from '../inbox/inboxDecisions';
import type { InboxService as WorkModel } from '../inbox/inboxService';
import type { InboxSnapshot as WorkSnapshot } from '../inbox/inboxSnapshot';
import type { TeamTurnaround } from '../turnaround/turnaroundService';

const BUCKET_ORDER: DueBucket[] = ['overdue', 'today', 'this-week', 'later', 'none'];

/**
 * How long the tree's first drawing in a starting window may wait for the saved inbox (VS Code
 * shows its progress bar meanwhile); past it, the tree draws what it has and updates later.
 */
const START_UP_WAIT_MS = 1000;

/** Past this many changed nodes an update redraws the whole tree: cheaper than firing each. */
const MAX_PART_UPDATES = 50;

export class WorkTree extends Disposable implements vscode.TreeDataProvider<WorkNode> {
  private readonly changed = this.register(new vscode.EventEmitter<WorkNode | WorkNode[] | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private roots: WorkNode[] = [];
  /** The inbox's start-up, while a window starts (see `InboxService.startingUp`). */
  private readonly startingUp: () => Promise<void> | undefined;
  /** Until the first build: the snapshot to build from. */
  private unbuilt: (() => WorkSnapshot) | undefined;
  private readonly view: vscode.TreeView<WorkNode>;
  /** What the tree draws and the palette picks from (one decision per item, once per refresh). */
  readonly decisions: InboxDecisions;
  /** Each decision's node: an item whose decision is kept keeps its node. */
  private readonly nodes = new WeakMap<object, WorkNode>();
  /** Milliseconds the last full build took, for the 500-item benchmark. */
  lastBuildMs = 0;
  /** Milliseconds the last update by part took, and the nodes it fired (`undefined`: the whole tree). */
  lastUpdateMs = 0;
  lastFired: readonly WorkNode[] | undefined;
  /** The merge-queue removal notices (set by the feature; tests read what it showed). */
  queueRemovals: { readonly shown: readonly string[] } | undefined;

  constructor(model: WorkModel, private readonly config: Config, nudges?: NudgeLog, private readonly turnaround?: TeamTurnaround) {
    super();
    this.decisions = model.decisions;
    this.view = this.register(vscode.window.createTreeView(Views.work, { treeDataProvider: this, showCollapseAll: true }));
    this.register(model.onDidChange((s) => this.update(s)));
    this.register(config.onDidChange(() => this.update(model.snapshot)));
    if (nudges) this.register(nudges.onDidChange(() => this.update(model.snapshot)));
    if (turnaround) this.register(showTeamTurnaround(this.view, turnaround, () => this.update(model.snapshot)));
    // Built when VS Code first asks for it, after activation (or at the first change, if sooner).
    this.unbuilt = () => model.snapshot;
    this.startingUp = () => model.startingUp;
  }

  getTreeItem(node: WorkNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: WorkNode): WorkNode[] | Promise<WorkNode[]> {
    if (node) return node.children;
    // A window starting: VS Code asks before the saved inbox is read. Answered once it is (or
    // after a second), the first drawing shows the saved reviews; answered now, it would show
    // "Loading…", and the reviews only at VS Code's next pass over the tree.
    const starting = this.startingUp();
    if (!starting) return this.rootNodes;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cap = new Promise<void>((resolve) => { timer = setTimeout(resolve, START_UP_WAIT_MS); });
    return Promise.race([starting, cap]).then(() => {
      clearTimeout(timer);
      return this.rootNodes;
    });
  }

  getParent(): undefined {
    return undefined;
  }

  /** A leaf's tooltip, drawn when the lead points at it. */
  resolveTreeItem(item: vscode.TreeItem, node: WorkNode): vscode.TreeItem {
    const lazy = (node as LazyTooltip).tooltipOf;
    if (item.tooltip === undefined && lazy) item.tooltip = lazy();
    return item;
  }

  private welcome: WelcomeState | undefined;

  private setWelcome(state: WelcomeState): void {
    if (state === this.welcome) return;
    this.welcome = state;
    void vscode.commands.executeCommand('setContext', ContextKeys.workWelcome, state);
  }

  /** The line VS Code shows above the tree ("As of 10:42 (saved)", "Loading…"), for tests. */
  get viewMessage(): string | undefined {
    return this.view.message;
  }

  /** The view's badge: reviews that need the lead, past the SLA (tests read it). */
  get badge(): vscode.ViewBadge | undefined {
    return this.view.badge;
  }

  /** The current top-level nodes (tests read the tree through this). */
  get rootNodes(): WorkNode[] {
    if (this.unbuilt) this.roots = this.build(this.unbuilt(), this.decisions.decide(this.unbuilt()));
    this.unbuilt = undefined;
    return this.roots;
  }

  /** Decides every item again at `now` and redraws the whole tree. */
  rebuild(s: WorkSnapshot, now = Date.now()): void {
    const started = performance.now();
    this.unbuilt = undefined;
    this.roots = this.build(s, this.decisions.decide(s, now));
    this.lastBuildMs = performance.now() - started;
    this.lastFired = undefined;
    this.changed.fire(undefined);
  }

  /**
   * Draws `s` again, deciding only the items that changed (see `InboxDecisions`), and tells VS
   * Code about the nodes that look different (the parents of an item that came or went): the rest
   * of the tree is not re-rendered. Node objects and ids stay, as VS Code finds nodes by them.
   */
  update(s: WorkSnapshot): void {
    const started = performance.now();
    this.unbuilt = undefined;
    const fresh = this.build(s, this.decisions.decide(s));
    const fired: WorkNode[] = [];
    const merged = sameIds(this.roots, fresh) ? reconcile(this.roots, fresh, fired, this.nodes) : undefined;
    if (merged === undefined || fired.length > MAX_PART_UPDATES) {
      this.roots = fresh;
      this.lastFired = undefined;
      this.changed.fire(undefined);
    } else {
      this.roots = merged;
      this.lastFired = fired;
      if (fired.length > 0) this.changed.fire(fired);
    }
    this.lastUpdateMs = performance.now() - started;
  }

  /** The node of a decision, made once per decision. */
  private leaf<N extends WorkNode>(decision: object, make: () => N): N {
    let node = this.nodes.get(decision);
    if (!node) this.nodes.set(decision, node = make());
    return node as N;
  }

  /** The tree of `s` as `d` decided it; leaves of kept decisions are the nodes drawn before. */
  private build(s: WorkSnapshot, d: Decisions): WorkNode[] {
    const settings = this.config.settings;
    const { slaHours } = settings;
    const now = d.now;
    // The badge: "needs your review" and "re-requested" past the SLA; never drafts or PRs waiting on their authors.
    const breached = badgeOf(d);
    const reviewStates = byState(d.reviews, REVIEW_GROUP_ORDER).map(([state, ds]) => new InboxStateNode('reviews', state,
      ds.map((x) => this.leaf(x, () => new ReviewNode(x, slaHours))), ds.filter((x) => x.pastSla).length));
    const ownStates = byState(d.own, OWN_GROUP_ORDER).map(([state, ds]) => new InboxStateNode('own', state,
      ds.map((x) => this.leaf(x, () => new OwnPullNode(x, slaHours, now))), ds.filter((x) => x.pastSla).length));

    const delegated: DelegatedNode[] = [
      ...d.tasks.map((x) => this.leaf(x, () => new TaskNode(x, now))),
      ...d.issues.map((x) => this.leaf(x, () => new IssueNode(x, now))),
      ...d.agentPulls.map((x) => this.leaf(x, () => new AgentPullNode(x, now))),
    ];
    const overdue = delegated.filter((n) => n.bucket === 'overdue').length;
    const dueToday = delegated.filter((n) => n.bucket === 'today').length;

    const welcome = welcomeState(s);
    this.setWelcome(welcome);
    const roots: WorkNode[] = [];
    if (welcome !== 'none') {
      // viewsWelcome shows only on an empty tree. Local tasks do not need GitHub, so a lead who
      // has some sees them, with the welcome's button as a notice below them.
      const local = delegated.filter((n) => n instanceof TaskNode);
      if (local.length > 0) {
        const localOverdue = local.filter((n) => n.bucket === 'overdue').length;
        const localToday = local.filter((n) => n.bucket === 'today').length;
        roots.push(new GroupNode('delegated', local.length, localOverdue, settings.groupBy === 'dueDate' ? byDue(local) : byPerson(local), localToday));
        roots.push(welcome === 'signedOut'
          ? new NoticeNode('signed-out', vscode.l10n.t('Sign in to GitHub to see reviews and delegated issues'), 'sign-in', { command: Commands.signIn, title: vscode.l10n.t('Sign In') })
          : new NoticeNode('no-repositories', vscode.l10n.t('No GitHub repositories to watch — choose repositories'), 'repo', {
            command: 'workbench.action.openSettings', title: vscode.l10n.t('Choose Repositories'), arguments: [`${SETTINGS_SECTION}.${Settings.repositories}`],
          }));
      }
    } else {
      if (s.failure && s.signedIn) {
        const asOf = s.asOf ? vscode.l10n.t('as of {0} — ', formatClock(s.asOf, vscode.env.language)) : '';
        roots.push(new NoticeNode('failure', `${asOf}${s.failure.describe()}`, 'warning', { command: Commands.refresh, title: vscode.l10n.t('Retry') }));
      }
      if (s.missing.length > 0 && s.signedIn) {
        roots.push(new NoticeNode('partial', vscode.l10n.t('GitHub did not send {0} — showing the rest', s.missing.join(', ')), 'warning', { command: Commands.refresh, title: vscode.l10n.t('Retry') }));
      }
      const budget = budgetTooltip(s, now);
      const delegatedGroup = new GroupNode('delegated', delegated.length, overdue, settings.groupBy === 'dueDate' ? byDue(delegated) : byPerson(delegated), dueToday);
      roots.push(withTooltip(delegatedGroup, budget));
      const reviewChildren: WorkNode[] = [...reviewStates];
      if (s.reviewsTotal > s.reviews.length) reviewChildren.push(new NoticeNode('more', vscode.l10n.t('{0} more on GitHub', s.reviewsTotal - s.reviews.length), 'ellipsis'));
      // Until GitHub has answered once (or a snapshot was painted) there is no review count to
      // give, and a "0" would read as "nothing waiting".
      if (s.signInKnown) {
        const group = new GroupNode('reviews', d.reviews.length, breached, reviewChildren);
        if (s.asOf === null) group.description = s.failure ? vscode.l10n.t('not loaded') : vscode.l10n.t('Loading…');
        roots.push(withTooltip(group, budget));
        if (d.own.length > 0) roots.push(withTooltip(new GroupNode('own', d.own.length, d.own.filter((x) => x.pastSla).length, ownStates), budget));
      }
      if (settings.teamMembers.length > 0 && s.signInKnown) roots.push(new TeamGroupNode(d.team, (s.teamLoad ?? null) !== null, slaHours, this.turnaround));
    }

    this.view.badge = breached > 0 && welcome === 'none' ? { value: breached, tooltip: breached === 1 ? vscode.l10n.t('1 review past the {0} h SLA', slaHours) : vscode.l10n.t('{0} reviews past the {1} h SLA', breached, slaHours) } : undefined;
    this.view.message = viewMessage(s, welcome);
    return roots;
  }
}

/** Decisions grouped by state, in the given order, empty states left out. */
function byState<D extends ReviewDecision | OwnPullDecision>(decisions: readonly D[], order: readonly InboxState[]): [InboxState, D[]][] {
  const groups = new Map<InboxState, D[]>(order.map((state) => [state, []]));
  for (const d of decisions) groups.get(d.state)?.push(d);
  return [...groups].filter(([, ds]) => ds.length > 0);
}

/** The same ids in the same order. */
function sameIds(a: readonly WorkNode[], b: readonly WorkNode[]): boolean {
  return a.length === b.length && a.every((n, i) => n.id === b[i]!.id);
}

/** What VS Code draws of a node; two nodes that agree on it look the same. */
function look(n: WorkNode): string {
  const icon = n.iconPath instanceof vscode.ThemeIcon ? `${n.iconPath.id}/${n.iconPath.color?.id ?? ''}` : '';
  const tip = (n as LazyTooltip).tooltipOf ? '' : n.tooltip instanceof vscode.MarkdownString ? n.tooltip.value : n.tooltip ?? '';
  return [n.label, n.description, n.contextValue, icon, tip, n.accessibilityInformation?.label, n.collapsibleState, n.command?.command].join('\u0000');
}

/**
 * The nodes of `fresh` with the nodes of `old` kept where the ids match, each kept node taking
 * what `fresh` says of it; a kept node that looks different or whose children changed goes in
 * `fired`. Null when a parent's children are not the same ids (then the parent is fired whole).
 */
function reconcile(old: readonly WorkNode[], fresh: readonly WorkNode[], fired: WorkNode[], nodes: WeakMap<object, WorkNode>): WorkNode[] {
  const byId = new Map(old.map((n) => [n.id, n]));
  return fresh.map((f) => {
    const o = byId.get(f.id);
    if (!o || o === f) return f;
    const children = sameIds(o.children, f.children) ? reconcile(o.children, f.children, fired, nodes) : f.children;
    const sameChildren = children.length === o.children.length && children.every((c, i) => c === o.children[i]);
    // A leaf drawn from another decision may differ in its tooltip, which is drawn on hover only.
    const changed = !sameChildren || look(o) !== look(f) || (o as { decision?: object }).decision !== (f as { decision?: object }).decision;
    adopt(o, f, children);
    // The decision drawn is now this node: an update that keeps the decision keeps the node.
    const decision = (f as { decision?: object }).decision;
    if (decision) nodes.set(decision, o);
    if (changed) fired.push(o);
    return o;
  });
}

/** `old` takes everything `fresh` has (and drops what it lacks), keeping its identity for VS Code. */
function adopt(old: WorkNode, fresh: WorkNode, children: WorkNode[]): void {
  const target = old as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) if (!(key in fresh)) delete target[key];
  Object.assign(target, fresh);
  target.children = children;
  if (old.command?.arguments?.[0] === fresh) old.command = { ...old.command, arguments: [old] };
}

type DelegatedNode = TaskNode | IssueNode | AgentPullNode;

/**
 * The line above the tree: what is true before GitHub has answered ("as of HH:MM" from the
 * snapshot, else "Loading…"), and a low budget's slower refreshes.
 */
export function viewMessage(s: WorkSnapshot, welcome: WelcomeState): string | undefined {
  if (s.fromSnapshot && s.asOf !== null) {
    return s.refreshing ? vscode.l10n.t('As of {0} (saved) — refreshing from GitHub…', formatClock(s.asOf, vscode.env.language)) : vscode.l10n.t('As of {0} (saved)', formatClock(s.asOf, vscode.env.language));
  }
  if (!s.signInKnown) return vscode.l10n.t('Loading…');
  if (welcome !== 'none') return undefined;
  if (s.heldUntil !== null && s.rateLimit) {
    return vscode.l10n.t('GitHub budget low ({0} of {1} points left): refreshing at most every {2} minutes, next after {3}',
      s.rateLimit.remaining.toLocaleString('en-US'), s.rateLimit.limit.toLocaleString('en-US'), LOW_BUDGET_MINUTES, formatClock(s.heldUntil, vscode.env.language));
  }
  if (s.refreshing && s.asOf === null && s.signedIn) return vscode.l10n.t('Loading from GitHub…');
  return undefined;
}

/** "GitHub budget: 4,990 of 5,000 points left (resets 14:05); the last refresh cost 1". */
export function budgetTooltip(s: WorkSnapshot, now: number): string | undefined {
  const r = s.rateLimit;
  if (!r) return undefined;
  const low = isBudgetLow(r, now) ? `\n${vscode.l10n.t('Below {0} % of the budget: refreshing at most every {1} minutes.', LOW_BUDGET_SHARE * 100, LOW_BUDGET_MINUTES)}` : '';
  return `${vscode.l10n.t('GitHub budget: {0} of {1} points left (resets {2}); the last refresh cost {3}', r.remaining.toLocaleString('en-US'), r.limit.toLocaleString('en-US'), formatClock(r.resetAt, vscode.env.language), r.cost)}${low}`;
}

function withTooltip<T extends GroupNode>(node: T, tooltip: string | undefined): T {
  if (tooltip) node.tooltip = tooltip;
  return node;
}

export type WelcomeState = 'signedOut' | 'noRepositories' | 'none';

/** Which viewsWelcome applies (package.json's `when` clauses read it from the context key). */
export function welcomeState(s: WorkSnapshot): WelcomeState {
  if (!s.signInKnown) return 'none';
  if (!s.signedIn) return 'signedOut';
  return s.noRepositories ? 'noRepositories' : 'none';
}

function byPerson(items: DelegatedNode[]): WorkNode[] {
  const people = new Map<string, DelegatedNode[]>();
  for (const item of items) people.set(item.person, [...(people.get(item.person) ?? []), item]);
  return [...people.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([who, children]) => new BucketNode(
      `person:${who}`, who, children.filter((c) => c.bucket === 'overdue').length, sortByDue(children), 'account',
      children.filter((c) => c.bucket === 'today').length,
    ));
}

function byDue(items: DelegatedNode[]): WorkNode[] {
  return BUCKET_ORDER.map((b) => [b, sortByDue(items.filter((i) => i.bucket === b))] as const)
    .filter(([, children]) => children.length > 0)
    .map(([b, children]) => BucketNode.forDue(b, children));
}

/** Soonest due first, local tasks and GitHub items alike; undated ones after, oldest first. */
function sortByDue(items: DelegatedNode[]): DelegatedNode[] {
  return [...items].sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.createdAt - b.createdAt);
}
