/**
 * The inbox part of the tree: a node per state ("Needs your review", "Waiting on author", …) and
 * the lead's own PRs. Labels are plain text; tooltips take GitHub text only through `appendText`.
 */
import * as vscode from 'vscode';
import type { InboxEntry, InboxState } from '../core/inbox';
import { ownPullSummary } from '../core/inboxEntries';
import { formatDuration } from '../core/timeline';
import type { OwnPullRequest } from '../github/api';
import { Commands } from '../ids';
import { nudgedText, ownPrNudgeTarget, type NudgeTarget } from '../core/nudges';
import { ciText, stateLabel, tooltip, type NodeNudge, type WorkNode } from './nodes';

const STATE_ICONS: Record<InboxState, string> = {
  'needs-review': 'eye', 're-requested': 'sync', 'waiting-on-author': 'person',
  approved: 'check', 'changes-requested': 'request-changes', 'waiting-on-reviewers': 'watch', stale: 'history',
};

/** States a lead acts on are open; the others start folded. */
const FOLDED: ReadonlySet<InboxState> = new Set<InboxState>(['waiting-on-author']);

/** One inbox state under "Pending reviews" or "Your pull requests", with its count. */
export class InboxStateNode extends vscode.TreeItem {
  constructor(side: 'reviews' | 'own', readonly state: InboxState, readonly children: WorkNode[], pastSla: number) {
    super(stateLabel(state), FOLDED.has(state) ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded);
    this.id = `state:${side}:${state}`;
    this.description = [String(children.length), pastSla > 0 ? `${pastSla} past SLA` : ''].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(STATE_ICONS[state], pastSla > 0 ? new vscode.ThemeColor('list.errorForeground') : undefined);
    this.contextValue = `inboxState ${side} ${state}`;
    this.accessibilityInformation = {
      label: pastSla > 0 ? vscode.l10n.t('{0}: {1}, {2} past the review SLA', stateLabel(state), children.length, pastSla) : vscode.l10n.t('{0}: {1}', stateLabel(state), children.length),
    };
  }
}

/** One of the lead's open PRs. `pullRequest` is what the commands on it read. */
export class OwnPullNode extends vscode.TreeItem {
  readonly children: WorkNode[] = [];
  readonly pullRequest: OwnPullRequest;
  readonly state: InboxState;
  readonly pastSla: boolean;
  /** Nudge… on a PR waiting on its reviewers past the SLA. */
  readonly nudgeTarget?: NudgeTarget;
  constructor(entry: InboxEntry<OwnPullRequest>, slaHours: number, nudge: NodeNudge, now: number) {
    const pr = entry.item;
    super(`#${pr.number} ${pr.title}`, vscode.TreeItemCollapsibleState.None);
    this.pullRequest = pr;
    this.state = entry.state;
    this.pastSla = entry.pastSla;
    const summary = ownPullSummary(pr, entry.basis);
    const waited = formatDuration(entry.waitMs);
    const ci = ciText(pr.ci ?? 'none');
    this.id = `own:${pr.repo}#${pr.number}`;
    const target = entry.basis === 'waiting-on-reviewers' && entry.pastSla ? ownPrNudgeTarget(pr, now, nudge.hours) : null;
    if (target) this.nudgeTarget = target;
    this.description = [pr.repo, summary, entry.basis === 'waiting-on-reviewers' ? waited : '', ci, pr.draft ? vscode.l10n.t('draft') : '',
      nudge.lastAt === undefined ? '' : nudgedText(nudge.lastAt, now)].filter(Boolean).join(' · ');
    const color = entry.basis === 'approved' ? 'charts.green' : entry.pastSla || entry.basis === 'changes-requested' ? 'list.errorForeground' : undefined;
    this.iconPath = new vscode.ThemeIcon(pr.draft ? 'git-pull-request-draft' : STATE_ICONS[entry.basis], color ? new vscode.ThemeColor(color) : undefined);
    this.contextValue = ['ownPullRequest', pr.url ? 'linked' : '', entry.basis === 'approved' && !pr.draft ? 'mergeable' : '', entry.pastSla ? 'pastSla' : '', target ? 'nudgeable' : ''].filter(Boolean).join(' ');
    this.accessibilityInformation = {
      label: [vscode.l10n.t('Your pull request {0} number {1}: {2}', pr.repo, pr.number, pr.title), stateLabel(entry.state), summary,
        entry.basis !== 'waiting-on-reviewers' ? '' : entry.pastSla ? vscode.l10n.t('waiting {0} business hours, past the {1} hour SLA', waited, slaHours) : vscode.l10n.t('waiting {0} business hours', waited),
        pr.ci === 'failure' ? vscode.l10n.t('CI failing') : ''].filter(Boolean).join(', '),
    };
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(`${pr.repo}#${pr.number}`).appendMarkdown('** ').appendText(pr.title);
      md.appendMarkdown('\n\n').appendText(`${stateLabel(entry.state)}: ${summary}`);
      if (entry.basis === 'waiting-on-reviewers') {
        md.appendMarkdown('\n\n').appendText(entry.pastSla
          ? vscode.l10n.t('waiting {0} business hours (past the {1} h SLA)', waited, slaHours) : vscode.l10n.t('waiting {0} business hours', waited));
      }
    });
    if (pr.url) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }
}
