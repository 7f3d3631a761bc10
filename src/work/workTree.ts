/** The `leadDesk.work` tree: Delegated work and Pending reviews, built from the WorkModel. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { formatClock } from '../core/clock';
import type { DueBucket } from '../core/dueDates';
import { isSnoozed, sortOldestFirst } from '../core/reviews';
import { Commands, ContextKeys, SETTINGS_SECTION, Settings, Views } from '../ids';
import { Disposable } from '../util/disposable';
import { BucketNode, GroupNode, IssueNode, NoticeNode, ReviewNode, TaskNode, type WorkNode } from './nodes';
import type { WorkModel, WorkSnapshot } from './workModel';

const BUCKET_ORDER: DueBucket[] = ['overdue', 'today', 'this-week', 'later', 'none'];

export class WorkTree extends Disposable implements vscode.TreeDataProvider<WorkNode> {
  private readonly changed = this.register(new vscode.EventEmitter<WorkNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private roots: WorkNode[] = [];
  private readonly view: vscode.TreeView<WorkNode>;
  /** Milliseconds the last build took, for the 500-item benchmark. */
  lastBuildMs = 0;

  constructor(model: WorkModel, private readonly config: Config) {
    super();
    this.view = this.register(vscode.window.createTreeView(Views.work, { treeDataProvider: this, showCollapseAll: true }));
    this.register(model.onDidChange((s) => this.rebuild(s)));
    this.register(config.onDidChange(() => this.rebuild(model.snapshot)));
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

  /** The current top-level nodes (tests read the tree through this). */
  get rootNodes(): readonly WorkNode[] {
    return this.roots;
  }

  rebuild(s: WorkSnapshot, now = Date.now()): void {
    const started = performance.now();
    const settings = this.config.settings;
    const businessHours = { days: settings.businessDays, start: settings.businessStart, end: settings.businessEnd };
    const reviews = sortOldestFirst(s.reviews.filter((r) => !isSnoozed(r, now))).map((r) => new ReviewNode(r, now, { slaHours: settings.slaHours, businessHours }));
    const breached = reviews.filter((r) => r.sla === 'breached' && !r.review.draft).length;

    const delegated: (TaskNode | IssueNode)[] = [
      ...s.tasks.filter((t) => !t.doneAt).map((t) => new TaskNode(t, now)),
      ...s.delegatedIssues.map((i) => new IssueNode(i, now)),
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
          ? new NoticeNode('signed-out', 'Sign in to GitHub to see reviews and delegated issues', 'sign-in', { command: Commands.signIn, title: 'Sign In' })
          : new NoticeNode('no-repositories', 'No GitHub repositories to watch — choose repositories', 'repo', {
            command: 'workbench.action.openSettings', title: 'Choose Repositories', arguments: [`${SETTINGS_SECTION}.${Settings.repositories}`],
          }));
      }
    } else {
      if (s.failure && s.signedIn) {
        const asOf = s.asOf ? `as of ${formatClock(s.asOf)} — ` : '';
        roots.push(new NoticeNode('failure', `${asOf}${s.failure.describe()}`, 'warning', { command: Commands.refresh, title: 'Retry' }));
      }
      roots.push(new GroupNode('delegated', delegated.length, overdue, settings.groupBy === 'dueDate' ? byDue(delegated) : byPerson(delegated), dueToday));
      const reviewChildren: WorkNode[] = [...reviews];
      if (s.reviewsTotal > s.reviews.length) reviewChildren.push(new NoticeNode('more', `${s.reviewsTotal - s.reviews.length} more on GitHub`, 'ellipsis'));
      // Until the sign-in state is known (the first moments after start-up) there is no review
      // count to give, and a "0" would read as "nothing waiting".
      if (s.signInKnown) roots.push(new GroupNode('reviews', reviews.length, breached, reviewChildren));
    }
    this.roots = roots;

    this.view.badge = breached > 0 && welcome === 'none' ? { value: breached, tooltip: `${breached} review${breached === 1 ? '' : 's'} past the ${settings.slaHours} h SLA` } : undefined;
    this.view.message = !s.signInKnown || s.refreshing && s.asOf === null && s.signedIn && welcome === 'none' ? 'Loading from GitHub…' : undefined;
    this.lastBuildMs = performance.now() - started;
    this.changed.fire(undefined);
  }
}

type DelegatedNode = TaskNode | IssueNode;

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
