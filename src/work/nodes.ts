/**
 * Tree nodes: one small class per kind, built from plain data. Every string from GitHub is
 * untrusted: labels are plain text, and tooltips are MarkdownStrings that are not trusted, allow
 * no HTML, and take GitHub text only through `appendText` (which escapes Markdown).
 */
import * as vscode from 'vscode';
import type { DueBucket } from '../core/dueDates';
import type { AgentPullDecision, DelegatedDecision } from '../core/itemDecisions';
import type { NudgeTarget } from '../core/nudges';
import type { DelegatedIssue } from '../github/api';
import type { DelegatedTask } from '../inbox/taskRepository';
import { Commands } from '../ids';
import { nudgedWords, tooltip, type LazyTooltip } from './nodeParts';
import type { InboxStateNode, OwnPullNode, ReviewNode } from './inboxNodes';
import type { TeamNode } from './teamNodes';

export type { ReviewNode };

/** " · nudged 2h ago" for a description, or ''. */
const nudgedSuffix = (lastAt: number | undefined, now: number): string => (lastAt === undefined ? '' : ` · ${nudgedWords(lastAt, now)}`);

export type WorkNode = GroupNode | NoticeNode | BucketNode | TaskNode | IssueNode | AgentPullNode | ReviewNode | InboxStateNode | OwnPullNode | TeamNode;

const GROUP_LABELS = {
  delegated: () => vscode.l10n.t('Delegated work'), reviews: () => vscode.l10n.t('Pending reviews'), own: () => vscode.l10n.t('Your pull requests'),
} as const;
const GROUP_ICONS = { delegated: 'person', reviews: 'git-pull-request', own: 'git-pull-request-create' } as const;


export class GroupNode extends vscode.TreeItem {
  constructor(readonly group: 'delegated' | 'reviews' | 'own', count: number, attention: number, public children: WorkNode[], dueToday = 0) {
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
  children: WorkNode[] = [];
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
  constructor(key: string, label: string, overdue: number, public children: WorkNode[], icon: string, dueToday = 0) {
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

export class TaskNode extends vscode.TreeItem implements LazyTooltip {
  readonly tooltipOf: () => vscode.MarkdownString;
  children: WorkNode[] = [];
  readonly task: DelegatedTask;
  /** What the tree sorts, buckets and counts by, alike for local tasks and GitHub items. */
  readonly due: string | null;
  readonly bucket: DueBucket;
  readonly person: string;
  readonly createdAt: number;
  /** For Nudge… and Follow Up…: set when the task is linked to a GitHub issue or PR. */
  readonly nudgeTarget?: NudgeTarget;
  constructor(readonly decision: DelegatedDecision<DelegatedTask>, now: number) {
    const task = decision.item;
    super(task.title, vscode.TreeItemCollapsibleState.None);
    const bucket = decision.bucket;
    this.task = task;
    this.due = task.due ?? null;
    this.bucket = bucket;
    this.person = task.assignee;
    this.createdAt = task.createdAt;
    this.id = decision.id;
    this.description = [task.assignee, dueText(this.due, bucket), ageText(task.createdAt, now)].filter(Boolean).join(' · ') + nudgedSuffix(decision.lastNudgeAt, now);
    this.iconPath = new vscode.ThemeIcon(bucket === 'overdue' ? 'warning' : 'tasklist', dueColor(bucket));
    if (decision.followUp) this.nudgeTarget = decision.followUp;
    this.contextValue = decision.contextValue;
    this.tooltipOf = () => tooltip((md) => {
      md.appendMarkdown('**').appendText(task.title).appendMarkdown('**\n\n');
      md.appendText(!task.due ? vscode.l10n.t('Delegated to {0}', task.assignee)
        : bucket === 'overdue' ? vscode.l10n.t('Delegated to {0}, due {1} (overdue)', task.assignee, task.due) : vscode.l10n.t('Delegated to {0}, due {1}', task.assignee, task.due));
      if (task.notes) md.appendMarkdown('\n\n').appendText(task.notes);
      if (task.link) md.appendMarkdown('\n\n').appendText(task.link);
    });
    if (task.link) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }
}

export class IssueNode extends vscode.TreeItem implements LazyTooltip {
  readonly tooltipOf: () => vscode.MarkdownString;
  children: WorkNode[] = [];
  readonly issue: DelegatedIssue;
  readonly due: string | null;
  readonly bucket: DueBucket;
  readonly person: string;
  readonly createdAt: number;
  /** For Nudge… and Follow Up…. */
  readonly nudgeTarget: NudgeTarget;
  constructor(readonly decision: DelegatedDecision<DelegatedIssue>, now: number) {
    const issue = decision.item;
    super(`#${issue.number} ${issue.title}`, vscode.TreeItemCollapsibleState.None);
    const bucket = decision.bucket;
    this.issue = issue;
    this.due = issue.due ?? null;
    this.bucket = bucket;
    this.person = issue.assignees[0] ?? 'unassigned';
    this.createdAt = issue.createdAt;
    this.id = decision.id;
    this.description = [issue.assignees.join(', '), dueText(this.due, bucket), issue.repo, ageText(issue.createdAt, now)].filter(Boolean).join(' · ') + nudgedSuffix(decision.lastNudgeAt, now);
    this.nudgeTarget = decision.followUp!;
    this.iconPath = new vscode.ThemeIcon(bucket === 'overdue' ? 'warning' : issue.isPullRequest ? 'git-pull-request' : 'issues', dueColor(bucket));
    this.contextValue = decision.contextValue;
    this.tooltipOf = () => tooltip((md) => {
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
}

/** A coding agent's draft PR on a delegated issue: under its agent, with the issue's due date; never nudged. */
export class AgentPullNode extends vscode.TreeItem implements LazyTooltip {
  readonly tooltipOf: () => vscode.MarkdownString;
  children: WorkNode[] = [];
  readonly due: string | null;
  readonly bucket: DueBucket;
  readonly person: string;
  readonly createdAt: number;
  constructor(readonly decision: AgentPullDecision, now: number) {
    const pull = decision.item;
    super(`#${pull.number} ${pull.title}`, vscode.TreeItemCollapsibleState.None);
    this.due = decision.due;
    this.bucket = decision.bucket;
    this.person = decision.agent;
    this.createdAt = pull.createdAt;
    this.id = decision.id;
    const closes = decision.closes.join(', ');
    const commits = decision.commits === null ? '' : decision.commits === 1 ? vscode.l10n.t('1 commit') : vscode.l10n.t('{0} commits', decision.commits);
    this.description = [decision.agent, vscode.l10n.t('draft'), commits, vscode.l10n.t('closes {0}', closes), dueText(this.due, this.bucket), pull.repo, ageText(pull.createdAt, now)].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon('git-pull-request-draft', dueColor(this.bucket));
    this.contextValue = decision.contextValue;
    this.accessibilityInformation = { label: vscode.l10n.t('Draft pull request {0} number {1} by the agent {2}: {3}, closes {4}', pull.repo, pull.number, decision.agent, pull.title, closes) };
    this.tooltipOf = () => tooltip((md) => {
      md.appendMarkdown('**').appendText(`${pull.repo}#${pull.number}`).appendMarkdown('** ').appendText(pull.title);
      md.appendMarkdown('\n\n').appendText(vscode.l10n.t('A draft by the agent {0}; it moves to "Needs your review" when the agent marks it ready. Closes {1}.', decision.agent, closes));
    });
    if (pull.url) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }
}
