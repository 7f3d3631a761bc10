/**
 * Tree nodes: one small class per kind, built from plain data. Every string from GitHub is
 * untrusted: labels are plain text, and tooltips are MarkdownStrings that are not trusted, allow
 * no HTML, and take GitHub text only through `appendText` (which escapes Markdown).
 */
import * as vscode from 'vscode';
import type { BusinessHours, SlaState } from '../core/businessHours';
import { dueBucket, type DueBucket } from '../core/dueDates';
import { reviewSlaState, waitingBusinessMs, type PendingReview } from '../core/reviews';
import { formatDuration } from '../core/timeline';
import type { DelegatedIssue } from '../github/service';
import type { DelegatedTask } from './delegatedTask';
import { Commands } from '../ids';
import type { TeamNode } from './teamNodes';

export type WorkNode = GroupNode | NoticeNode | BucketNode | TaskNode | IssueNode | ReviewNode | TeamNode;

export function tooltip(build: (md: vscode.MarkdownString) => void): vscode.MarkdownString {
  const md = new vscode.MarkdownString('', false);
  md.isTrusted = false;
  md.supportHtml = false;
  build(md);
  return md;
}

export class GroupNode extends vscode.TreeItem {
  constructor(readonly group: 'delegated' | 'reviews', count: number, attention: number, readonly children: WorkNode[], dueToday = 0) {
    super(group === 'delegated' ? 'Delegated work' : 'Pending reviews', vscode.TreeItemCollapsibleState.Expanded);
    this.id = `group:${group}`;
    this.description = countsText(count, attention, group === 'delegated' ? 'overdue' : 'past SLA', dueToday);
    this.iconPath = new vscode.ThemeIcon(group === 'delegated' ? 'person' : 'git-pull-request');
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

const BUCKET_LABEL: Record<DueBucket, string> = { overdue: 'Overdue', today: 'Due today', 'this-week': 'This week', later: 'Later', none: 'No due date' };

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
    return new BucketNode(`due:${bucket}`, BUCKET_LABEL[bucket], bucket === 'overdue' ? children.length : 0, children, bucket === 'overdue' ? 'error' : 'calendar');
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
  constructor(readonly task: DelegatedTask, now: number) {
    super(task.title, vscode.TreeItemCollapsibleState.None);
    const bucket = dueBucket(task.due, now);
    this.due = task.due ?? null;
    this.bucket = bucket;
    this.person = task.assignee;
    this.createdAt = task.createdAt;
    this.id = `task:${task.id}`;
    this.description = [task.assignee, dueText(this.due, bucket), ageText(task.createdAt, now)].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(bucket === 'overdue' ? 'warning' : 'tasklist', dueColor(bucket));
    this.contextValue = ['localTask', 'delegated', task.link ? 'linked' : '', task.repo && task.issueNumber ? 'followable' : ''].filter(Boolean).join(' ');
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(task.title).appendMarkdown('**\n\n');
      md.appendText(`Delegated to ${task.assignee}${task.due ? `, due ${task.due}${bucket === 'overdue' ? ' (overdue)' : ''}` : ''}`);
      if (task.notes) md.appendMarkdown('\n\n').appendText(task.notes);
      if (task.link) md.appendMarkdown('\n\n').appendText(task.link);
    });
    if (task.link) this.command = { command: Commands.workOpen, title: 'Open', arguments: [this] };
  }
}

export class IssueNode extends vscode.TreeItem {
  readonly children: WorkNode[] = [];
  readonly due: string | null;
  readonly bucket: DueBucket;
  readonly person: string;
  readonly createdAt: number;
  constructor(readonly issue: DelegatedIssue, now: number) {
    super(`#${issue.number} ${issue.title}`, vscode.TreeItemCollapsibleState.None);
    const bucket = dueBucket(issue.due, now);
    this.due = issue.due ?? null;
    this.bucket = bucket;
    this.person = issue.assignees[0] ?? 'unassigned';
    this.createdAt = issue.createdAt;
    this.id = `issue:${issue.repo}#${issue.number}`;
    this.description = [issue.assignees.join(', '), dueText(this.due, bucket), issue.repo, ageText(issue.createdAt, now)].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(bucket === 'overdue' ? 'warning' : issue.isPullRequest ? 'git-pull-request' : 'issues', dueColor(bucket));
    this.contextValue = 'githubIssue delegated followable' + (issue.url ? ' linked' : '');
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(`${issue.repo}#${issue.number}`).appendMarkdown('** ').appendText(issue.title);
      md.appendMarkdown('\n\n').appendText(`Assigned to ${issue.assignees.join(', ')}; opened ${new Date(issue.createdAt).toLocaleDateString()}`);
      if (issue.due) {
        const from = issue.dueSource === 'milestone' ? ` (milestone ${issue.milestone ?? ''})` : ' (Due: line in the description)';
        md.appendMarkdown('\n\n').appendText(`Due ${issue.due}${bucket === 'overdue' ? ', overdue' : bucket === 'today' ? ', today' : ''}${from}`);
      }
      if (issue.labels.length) md.appendMarkdown('\n\n').appendText(`Labels: ${issue.labels.join(', ')}`);
    });
    if (issue.url) this.command = { command: Commands.workOpen, title: 'Open', arguments: [this] };
  }
}

const SLA_COLOR: Record<SlaState, string | undefined> = { ok: undefined, 'due-soon': 'charts.yellow', breached: 'list.errorForeground' };
const CI_TEXT = { success: 'CI ✓', failure: 'CI ✗', pending: 'CI …', none: '' } as const;

export class ReviewNode extends vscode.TreeItem {
  readonly children: WorkNode[] = [];
  readonly sla: SlaState;
  constructor(readonly review: PendingReview, now: number, config: { slaHours: number; businessHours: BusinessHours }) {
    super(`#${review.number} ${review.title}`, vscode.TreeItemCollapsibleState.None);
    this.sla = reviewSlaState(review, now, config);
    const waited = formatDuration(waitingBusinessMs(review, now, config.businessHours));
    this.id = `review:${review.repo}#${review.number}`;
    const size = review.additions || review.deletions ? `+${review.additions} −${review.deletions}` : '';
    this.description = [review.repo, waited, size, CI_TEXT[review.ci], review.draft ? 'draft' : '', review.direct ? '' : `via @${review.team ?? 'team'}`]
      .filter(Boolean).join(' · ');
    const color = SLA_COLOR[this.sla];
    this.iconPath = new vscode.ThemeIcon(review.draft ? 'git-pull-request-draft' : this.sla === 'breached' ? 'git-pull-request-go-to-changes' : 'git-pull-request', color ? new vscode.ThemeColor(color) : undefined);
    this.contextValue = 'review' + (review.url ? ' linked' : '');
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(`${review.repo}#${review.number}`).appendMarkdown('** ').appendText(review.title);
      md.appendMarkdown('\n\n').appendText(`by ${review.author} · waiting ${waited} business hours${this.sla === 'breached' ? ` (past the ${config.slaHours} h SLA)` : ''}`);
      md.appendMarkdown('\n\n').appendText([size, CI_TEXT[review.ci], review.draft ? 'draft' : '', review.direct ? 'requested from you' : `requested from @${review.team ?? 'your team'}`].filter(Boolean).join(' · '));
    });
    if (review.url) this.command = { command: Commands.workOpen, title: 'Open', arguments: [this] };
  }
}
