/**
 * Tree nodes: one small class per kind, built from plain data. Every string from GitHub is
 * untrusted: labels are plain text, and tooltips are MarkdownStrings that are not trusted, allow
 * no HTML, and take GitHub text only through `appendText` (which escapes Markdown).
 */
import * as vscode from 'vscode';
import { DEFAULT_BUSINESS_HOURS, type BusinessHours, type SlaState } from '../core/businessHours';
import { dueBucket, type DueBucket } from '../core/dueDates';
import type { InboxState } from '../core/inbox';
import { reviewSlaState, waitingBusinessMs, type PendingReview } from '../core/reviews';
import { formatDuration } from '../core/timeline';
import { delegatedNudgeTarget, nudgedText, type NudgeTarget } from '../core/nudges';
import type { DelegatedIssue } from '../github/api';
import type { DelegatedTask } from '../inbox/taskRepository';
import { Commands } from '../ids';
import type { InboxStateNode, OwnPullNode } from './inboxNodes';
import type { TeamNode } from './teamNodes';

/** What a delegated item needs for Nudge…: the business hours its wait counts in, and when it was last nudged. */
export interface NodeNudge {
  readonly hours: BusinessHours;
  readonly lastAt?: number;
}

/** " · nudged 2h ago" for a description, or ''. */
const nudgedSuffix = (nudge: NodeNudge | undefined, now: number): string => (nudge?.lastAt === undefined ? '' : ` · ${nudgedText(nudge.lastAt, now)}`);

export type WorkNode = GroupNode | NoticeNode | BucketNode | TaskNode | IssueNode | ReviewNode | InboxStateNode | OwnPullNode | TeamNode;

const GROUP_LABELS = {
  delegated: () => vscode.l10n.t('Delegated work'), reviews: () => vscode.l10n.t('Pending reviews'), own: () => vscode.l10n.t('Your pull requests'),
} as const;
const GROUP_ICONS = { delegated: 'person', reviews: 'git-pull-request', own: 'git-pull-request-create' } as const;


export function tooltip(build: (md: vscode.MarkdownString) => void): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  build(md);
  return md;
}

export class GroupNode extends vscode.TreeItem {
  constructor(readonly group: 'delegated' | 'reviews' | 'own', count: number, attention: number, readonly children: WorkNode[], dueToday = 0) {
    super(GROUP_LABELS[group](), vscode.TreeItemCollapsibleState.Expanded);
    this.id = `group:${group}`;
    this.description = countsText(count, attention, group === 'delegated' ? 'overdue' : 'past SLA', dueToday);
    this.iconPath = new vscode.ThemeIcon(GROUP_ICONS[group]);
    this.contextValue = `group.${group}`;
  }
}

/** `5`, `5 · 2 overdue`, `5 · 2 overdue · 1 due today`. */
function countsText(count: number, attention: number, attentionLabel: string, dueToday: number): string {
  return [String(count), attention > 0 ? `${attention} ${attentionLabel}` : '', dueToday > 0 ? `${dueToday} due today` : ''].filter(Boolean).join(' · ');
}

export class NoticeNode extends vscode.TreeItem {
  readonly children: WorkNode[] = [];
  constructor(id: string, text: string, icon = 'warning', command?: vscode.Command) {
    super(text, vscode.TreeItemCollapsibleState.None);
    this.id = `notice:${id}`;
    this.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(icon === 'warning' ? 'list.warningForeground' : 'descriptionForeground'));
    this.contextValue = 'notice';
    if (command) this.command = command;
  }
}

const BUCKET_LABEL: Record<DueBucket, () => string> = {
  overdue: () => vscode.l10n.t('Overdue'), today: () => vscode.l10n.t('Due today'), 'this-week': () => vscode.l10n.t('This week'),
  later: () => vscode.l10n.t('Later'), none: () => vscode.l10n.t('No due date'),
};

/** A person (grouped by assignee) or a due-date bucket. */
export class BucketNode extends vscode.TreeItem {
  constructor(key: string, label: string, overdue: number, readonly children: WorkNode[], icon: string, dueToday = 0) {
    super(label, vscode.TreeItemCollapsibleState.Expanded);
    this.id = `bucket:${key}`;
    this.description = countsText(children.length, overdue, 'overdue', dueToday);
    this.iconPath = new vscode.ThemeIcon(icon, overdue > 0 ? new vscode.ThemeColor('list.errorForeground') : undefined);
    this.contextValue = 'bucket';
  }

  static forDue(bucket: DueBucket, children: WorkNode[]): BucketNode {
    return new BucketNode(`due:${bucket}`, BUCKET_LABEL[bucket](), bucket === 'overdue' ? children.length : 0, children, bucket === 'overdue' ? 'error' : 'calendar');
  }
}

function ageText(since: number, now: number): string {
  const days = Math.floor((now - since) / 86_400_000);
  return days >= 1 ? `${days}d old` : 'today';
}

/** Overdue in red, due today in yellow: the same for local tasks and GitHub items. */
function dueColor(bucket: DueBucket): vscode.ThemeColor | undefined {
  return bucket === 'overdue' ? new vscode.ThemeColor('list.errorForeground') : bucket === 'today' ? new vscode.ThemeColor('list.warningForeground') : undefined;
}

function dueText(due: string | null, bucket: DueBucket): string | undefined {
  return due ? `${bucket === 'overdue' ? 'overdue' : 'due'} ${due}` : undefined;
}

export class TaskNode extends vscode.TreeItem {
  readonly children: WorkNode[] = [];
  /** What the tree sorts, buckets and counts by, alike for local tasks and GitHub items. */
  readonly due: string | null;
  readonly bucket: DueBucket;
  readonly person: string;
  readonly createdAt: number;
  private readonly targetOf: (() => NudgeTarget) | undefined;
  private target: NudgeTarget | undefined;
  constructor(readonly task: DelegatedTask, now: number, nudge?: NodeNudge) {
    super(task.title, vscode.TreeItemCollapsibleState.None);
    const bucket = dueBucket(task.due, now);
    this.due = task.due ?? null;
    this.bucket = bucket;
    this.person = task.assignee;
    this.createdAt = task.createdAt;
    this.id = `task:${task.id}`;
    this.description = [task.assignee, dueText(this.due, bucket), ageText(task.createdAt, now)].filter(Boolean).join(' · ') + nudgedSuffix(nudge, now);
    this.iconPath = new vscode.ThemeIcon(bucket === 'overdue' ? 'warning' : 'tasklist', dueColor(bucket));
    const { repo, issueNumber } = task;
    this.targetOf = repo && issueNumber
      ? () => delegatedNudgeTarget({ repo, number: issueNumber, url: task.link ?? '', title: task.title, who: [task.assignee], due: task.due }, now, nudge?.hours ?? DEFAULT_BUSINESS_HOURS)
      : undefined;
    const followable = this.targetOf !== undefined;
    this.contextValue = ['localTask', 'delegated', task.link ? 'linked' : '', followable ? 'followable' : '', followable && bucket === 'overdue' ? 'nudgeable' : ''].filter(Boolean).join(' ');
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(task.title).appendMarkdown('**\n\n');
      md.appendText(!task.due ? vscode.l10n.t('Delegated to {0}', task.assignee)
        : bucket === 'overdue' ? vscode.l10n.t('Delegated to {0}, due {1} (overdue)', task.assignee, task.due) : vscode.l10n.t('Delegated to {0}, due {1}', task.assignee, task.due));
      if (task.notes) md.appendMarkdown('\n\n').appendText(task.notes);
      if (task.link) md.appendMarkdown('\n\n').appendText(task.link);
    });
    if (task.link) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }

  /**
   * For Nudge… and Follow Up…: set when the task is linked to a GitHub issue or PR. Worked out
   * when a command asks, as of the tree's build (the wait walks every day since the due date).
   */
  get nudgeTarget(): NudgeTarget | undefined {
    return (this.target ??= this.targetOf?.());
  }
}

export class IssueNode extends vscode.TreeItem {
  readonly children: WorkNode[] = [];
  readonly due: string | null;
  readonly bucket: DueBucket;
  readonly person: string;
  readonly createdAt: number;
  private readonly targetOf: () => NudgeTarget;
  private target: NudgeTarget | undefined;
  constructor(readonly issue: DelegatedIssue, now: number, nudge?: NodeNudge) {
    super(`#${issue.number} ${issue.title}`, vscode.TreeItemCollapsibleState.None);
    const bucket = dueBucket(issue.due, now);
    this.due = issue.due ?? null;
    this.bucket = bucket;
    this.person = issue.assignees[0] ?? 'unassigned';
    this.createdAt = issue.createdAt;
    this.id = `issue:${issue.repo}#${issue.number}`;
    this.description = [issue.assignees.join(', '), dueText(this.due, bucket), issue.repo, ageText(issue.createdAt, now)].filter(Boolean).join(' · ') + nudgedSuffix(nudge, now);
    this.targetOf = () => delegatedNudgeTarget({ ...issue, who: issue.assignees }, now, nudge?.hours ?? DEFAULT_BUSINESS_HOURS);
    this.iconPath = new vscode.ThemeIcon(bucket === 'overdue' ? 'warning' : issue.isPullRequest ? 'git-pull-request' : 'issues', dueColor(bucket));
    this.contextValue = 'githubIssue delegated followable' + (issue.url ? ' linked' : '') + (bucket === 'overdue' ? ' nudgeable' : '');
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(`${issue.repo}#${issue.number}`).appendMarkdown('** ').appendText(issue.title);
      md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Assigned to {0}; opened {1}', issue.assignees.join(', '), new Date(issue.createdAt).toLocaleDateString()));
      if (issue.due) {
        const from = issue.dueSource === 'milestone' ? vscode.l10n.t(' (milestone {0})', issue.milestone ?? '') : vscode.l10n.t(' (Due: line in the description)');
        const when = bucket === 'overdue' ? vscode.l10n.t('Due {0}, overdue', issue.due) : bucket === 'today' ? vscode.l10n.t('Due {0}, today', issue.due) : vscode.l10n.t('Due {0}', issue.due);
        md.appendMarkdown('\n\n').appendText(`${when}${from}`);
      }
      if (issue.labels.length) md.appendMarkdown('\n\n').appendText(vscode.l10n.t('Labels: {0}', issue.labels.join(', ')));
    });
    if (issue.url) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }

  /** For Nudge… and Follow Up…, worked out when a command asks (as for a task). */
  get nudgeTarget(): NudgeTarget {
    return (this.target ??= this.targetOf());
  }
}

const SLA_COLOR: Record<SlaState, string | undefined> = { ok: undefined, 'due-soon': 'charts.yellow', breached: 'list.errorForeground' };
/** "CI ✓", "CI ✗", "CI …", or nothing without CI. */
export function ciText(ci: PendingReview['ci']): string {
  return ci === 'success' ? vscode.l10n.t('CI ✓') : ci === 'failure' ? vscode.l10n.t('CI ✗') : ci === 'pending' ? vscode.l10n.t('CI …') : '';
}

/** A state's name as the tree says it (the queue's webview takes core's English `INBOX_STATE_LABELS`). */
export function stateLabel(state: InboxState): string {
  switch (state) {
    case 'needs-review': return vscode.l10n.t('Needs your review');
    case 're-requested': return vscode.l10n.t('Re-requested');
    case 'waiting-on-author': return vscode.l10n.t('Waiting on author');
    case 'approved': return vscode.l10n.t('Approved, not merged');
    case 'changes-requested': return vscode.l10n.t('Changes requested');
    case 'waiting-on-reviewers': return vscode.l10n.t('Waiting on reviewers');
    case 'stale': return vscode.l10n.t('Stale');
  }
}

/** "3 commits since your review", "10+ commits since your review". */
export function commitsSinceText(n: number): string {
  return n === 1 ? vscode.l10n.t('1 commit since your review') : vscode.l10n.t('{0} commits since your review', n >= 10 ? '10+' : n);
}

export class ReviewNode extends vscode.TreeItem {
  readonly children: WorkNode[] = [];
  readonly sla: SlaState;
  /** Where it stands in the inbox (undefined outside it). */
  readonly state?: InboxState;
  constructor(readonly review: PendingReview, now: number, config: { slaHours: number; businessHours: BusinessHours }, state?: InboxState) {
    super(`#${review.number} ${review.title}`, vscode.TreeItemCollapsibleState.None);
    this.sla = reviewSlaState(review, now, config);
    if (state) this.state = state;
    const waited = formatDuration(waitingBusinessMs(review, now, config.businessHours));
    this.id = `review:${review.repo}#${review.number}`;
    const size = review.additions || review.deletions ? `+${review.additions} −${review.deletions}` : '';
    const since = review.commitsSinceMyReview ? commitsSinceText(review.commitsSinceMyReview) : '';
    const waitingOnAuthor = review.requested === false && !since;
    this.description = [review.repo, waitingOnAuthor ? vscode.l10n.t('you asked for changes') : waited, since, size, ciText(review.ci), review.draft ? vscode.l10n.t('draft') : '',
      review.direct ? '' : vscode.l10n.t('via @{0}', review.team ?? vscode.l10n.t('team'))].filter(Boolean).join(' · ');
    this.accessibilityInformation = {
      label: [vscode.l10n.t('Review {0} number {1}: {2}', review.repo, review.number, review.title), state ? stateLabel(state) : '', vscode.l10n.t('by {0}', review.author),
        waitingOnAuthor ? vscode.l10n.t('you asked for changes') : vscode.l10n.t('waiting {0} business hours', waited), since,
        this.sla === 'breached' ? vscode.l10n.t('past the {0} hour SLA', config.slaHours) : '', review.ci === 'failure' ? vscode.l10n.t('CI failing') : '',
        review.draft ? vscode.l10n.t('draft') : ''].filter(Boolean).join(', '),
    };
    const color = SLA_COLOR[this.sla];
    this.iconPath = new vscode.ThemeIcon(review.draft ? 'git-pull-request-draft' : this.sla === 'breached' ? 'git-pull-request-go-to-changes' : 'git-pull-request', color ? new vscode.ThemeColor(color) : undefined);
    this.contextValue = 'review' + (review.url ? ' linked' : '') + (review.changesSinceUrl ? ' changedSinceReview' : '');
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(`${review.repo}#${review.number}`).appendMarkdown('** ').appendText(review.title);
      md.appendMarkdown('\n\n').appendText(this.sla === 'breached'
        ? vscode.l10n.t('by {0} · waiting {1} business hours (past the {2} h SLA)', review.author, waited, config.slaHours)
        : vscode.l10n.t('by {0} · waiting {1} business hours', review.author, waited));
      md.appendMarkdown('\n\n').appendText([size, ciText(review.ci), review.draft ? vscode.l10n.t('draft') : '',
        review.direct ? vscode.l10n.t('requested from you') : vscode.l10n.t('requested from @{0}', review.team ?? vscode.l10n.t('your team'))].filter(Boolean).join(' · '));
      if (state) md.appendMarkdown('\n\n').appendText(stateLabel(state) + (waitingOnAuthor ? vscode.l10n.t(': you asked for changes, nothing pushed since') : ''));
      if (since) md.appendMarkdown('\n\n').appendText(`${since}: `).appendText(review.changesSinceUrl ?? review.url);
    });
    if (review.url) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }
}
