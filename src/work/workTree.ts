/** The {@link Views.work} tree: Delegated work and Pending reviews, built from the WorkModel. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { formatClock } from '../core/clock';
import type { DueBucket } from '../core/dueDates';
import { LOW_BUDGET_MINUTES, LOW_BUDGET_SHARE, isBudgetLow } from '../core/refreshBudget';
import { badgeCount, groupByState, ownInbox, reviewInbox, OWN_GROUP_ORDER, REVIEW_GROUP_ORDER } from '../core/inboxEntries';
import type { InboxConfig } from '../core/inbox';
import { Commands, ContextKeys, SETTINGS_SECTION, Settings, Views } from '../ids';
import { Disposable } from '../util/disposable';
import { BucketNode, GroupNode, IssueNode, NoticeNode, ReviewNode, TaskNode, type NodeNudge, type WorkNode } from './nodes';
import type { NudgeLog } from '../inbox/nudgeLog';
import type { BusinessHours } from '../core/businessHours';
import { InboxStateNode, OwnPullNode } from './inboxNodes';
import { TeamGroupNode } from './teamNodes';
import type { InboxService as WorkModel } from '../inbox/inboxService';
import type { InboxSnapshot as WorkSnapshot } from '../inbox/inboxSnapshot';

const BUCKET_ORDER: DueBucket[] = ['overdue', 'today', 'this-week', 'later', 'none'];

export class WorkTree extends Disposable implements vscode.TreeDataProvider<WorkNode> {
  private readonly changed = this.register(new vscode.EventEmitter<WorkNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private roots: WorkNode[] = [];
  private readonly view: vscode.TreeView<WorkNode>;
  /** Milliseconds the last build took, for the 500-item benchmark. */
  lastBuildMs = 0;

  constructor(private readonly model: WorkModel, private readonly config: Config, private readonly nudges?: NudgeLog) {
    super();
    this.view = this.register(vscode.window.createTreeView(Views.work, { treeDataProvider: this, showCollapseAll: true }));
    this.register(model.onDidChange((s) => this.rebuild(s)));
    this.register(config.onDidChange(() => this.rebuild(model.snapshot)));
    if (nudges) this.register(nudges.onDidChange(() => this.rebuild(model.snapshot)));
    this.rebuild(model.snapshot);
  }

  getTreeItem(node: WorkNode): vscode.TreeItem {
    return node;
  }

  getChildren(node?: WorkNode): WorkNode[] {
    return node ? node.children : this.roots;
  }

  getParent(): undefined {
    return undefined;
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
  get rootNodes(): readonly WorkNode[] {
    return this.roots;
  }

  private nudgeOf(repo: string | undefined, number: number | undefined, hours: BusinessHours): NodeNudge {
    const last = repo && number ? this.nudges?.last(repo, number) : undefined;
    return last ? { hours, lastAt: last.at } : { hours };
  }

  rebuild(s: WorkSnapshot, now = Date.now()): void {
    const started = performance.now();
    const settings = this.config.settings;
    const businessHours = settings.businessHours;
    const inbox: InboxConfig = { slaHours: settings.slaHours, staleDays: settings.staleDays, businessHours };
    const reviewEntries = reviewInbox(s.reviews, now, inbox);
    const ownEntries = ownInbox(s.ownPullRequests, now, inbox);
    // The badge: "needs your review" and "re-requested" past the SLA; never drafts or PRs waiting on their authors.
    const breached = badgeCount(reviewEntries);
    const reviewStates = groupByState(reviewEntries, REVIEW_GROUP_ORDER).map((g) => new InboxStateNode('reviews', g.state,
      g.entries.map((e) => new ReviewNode(e.item, now, { slaHours: settings.slaHours, businessHours }, e.state)), g.entries.filter((e) => e.pastSla).length));
    const ownStates = groupByState(ownEntries, OWN_GROUP_ORDER).map((g) => new InboxStateNode('own', g.state,
      g.entries.map((e) => new OwnPullNode(e, settings.slaHours, this.nudgeOf(e.item.repo, e.item.number, businessHours), now)), g.entries.filter((e) => e.pastSla).length));

    const delegated: (TaskNode | IssueNode)[] = [
      ...s.tasks.filter((t) => !t.doneAt).map((t) => new TaskNode(t, now, this.nudgeOf(t.repo, t.issueNumber, businessHours))),
      ...s.delegatedIssues.map((i) => new IssueNode(i, now, this.nudgeOf(i.repo, i.number, businessHours))),
    ];
    const overdue = delegated.filter((d) => d.bucket === 'overdue').length;
    const dueToday = delegated.filter((d) => d.bucket === 'today').length;

    const welcome = welcomeState(s);
    this.setWelcome(welcome);
    const roots: WorkNode[] = [];
    if (welcome !== 'none') {
      // viewsWelcome shows only on an empty tree. Local tasks do not need GitHub, so a lead who
      // has some sees them, with the welcome's button as a notice below them.
      const local = delegated.filter((d) => d instanceof TaskNode);
      if (local.length > 0) {
        const localOverdue = local.filter((d) => d.bucket === 'overdue').length;
        const localToday = local.filter((d) => d.bucket === 'today').length;
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
        const group = new GroupNode('reviews', reviewEntries.length, breached, reviewChildren);
        if (s.asOf === null) group.description = s.failure ? vscode.l10n.t('not loaded') : vscode.l10n.t('Loading…');
        roots.push(withTooltip(group, budget));
        if (ownEntries.length > 0) roots.push(withTooltip(new GroupNode('own', ownEntries.length, ownEntries.filter((e) => e.pastSla).length, ownStates), budget));
      }
      if (settings.teamMembers.length > 0 && s.signInKnown) roots.push(new TeamGroupNode(s.teamLoad ?? null, settings.teamMembers, now, {
        slaHours: settings.slaHours, businessHours, handedAt: (repo, number, login) => this.model.handedAt(repo, number, login),
      }));
    }
    this.roots = roots;

    this.view.badge = breached > 0 && welcome === 'none' ? { value: breached, tooltip: breached === 1 ? vscode.l10n.t('1 review past the {0} h SLA', settings.slaHours) : vscode.l10n.t('{0} reviews past the {1} h SLA', breached, settings.slaHours) } : undefined;
    this.view.message = viewMessage(s, welcome);
    this.lastBuildMs = performance.now() - started;
    this.changed.fire(undefined);
  }
}

type DelegatedNode = TaskNode | IssueNode;

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
