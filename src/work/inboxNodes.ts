/**
 * The inbox part of the tree: a node per state ("Needs your review", "Waiting on author", …) and
 * the lead's own PRs. Labels are plain text; tooltips take GitHub text only through `appendText`.
 */
import * as vscode from 'vscode';
import type { SlaState } from '../core/businessHours';
import type { InboxState } from '../core/inbox';
import { ownPullSummary } from '../core/inboxEntries';
import type { OwnPullDecision, ReviewDecision } from '../core/itemDecisions';
import type { NudgeTarget } from '../core/nudges';
import type { PendingReview } from '../core/reviews';
import { formatDuration } from '../core/timeline';
import type { OwnPullRequest } from '../github/api';
import { Commands } from '../ids';
import { ciText, nudgedWords, stateLabel, tooltip, WORDS, type LazyTooltip } from './nodeParts';
import type { AiReview } from '../core/aiReviews';
import type { BlockedReason, MergeQueueState } from '../core/mergeQueue';

const STATE_ICONS: Record<InboxState, string> = {
  'needs-review': 'eye', 're-requested': 'sync', 'waiting-on-author': 'person',
  approved: 'check', 'changes-requested': 'request-changes', 'waiting-on-reviewers': 'watch', stale: 'history',
};

/** States a lead acts on are open; the others start folded. */
const FOLDED: ReadonlySet<InboxState> = new Set<InboxState>(['waiting-on-author']);

/** One inbox state under "Pending reviews" or "Your pull requests", with its count. */
export class InboxStateNode extends vscode.TreeItem {
  constructor(side: 'reviews' | 'own', readonly state: InboxState, public children: (ReviewNode | OwnPullNode)[], pastSla: number) {
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

const SLA_COLOR: Record<SlaState, string | undefined> = { ok: undefined, 'due-soon': 'charts.yellow', breached: 'list.errorForeground' };

/** "3 commits since your review", "10+ commits since your review". */
export function commitsSinceText(n: number): string {
  return n === 1 ? vscode.l10n.t('1 commit since your review') : vscode.l10n.t('{0} commits since your review', n >= 10 ? '10+' : n);
}

/** A pending review in the inbox: draws its decision. `review` is what the commands on it read. */
export class ReviewNode extends vscode.TreeItem implements LazyTooltip {
  children: never[] = [];
  readonly tooltipOf: () => vscode.MarkdownString;
  readonly review: PendingReview;
  readonly sla: SlaState;
  /** Where it stands in the inbox. */
  readonly state: InboxState;
  constructor(readonly decision: ReviewDecision, slaHours: number) {
    const review = decision.item;
    super(`#${review.number} ${review.title}`, vscode.TreeItemCollapsibleState.None);
    this.review = review;
    this.sla = decision.sla;
    const state = this.state = decision.state;
    const waited = formatDuration(decision.waitMs);
    this.id = decision.id;
    const size = review.additions || review.deletions ? `+${review.additions} −${review.deletions}` : '';
    const since = review.commitsSinceMyReview ? commitsSinceText(review.commitsSinceMyReview) : '';
    const waitingOnAuthor = review.requested === false && !since;
    this.description = [review.repo, waitingOnAuthor ? WORDS.youAskedForChanges() : waited, since, size, ciText(review.ci), review.draft ? WORDS.draft() : '',
      review.direct ? '' : vscode.l10n.t('via @{0}', review.team ?? vscode.l10n.t('team'))].filter(Boolean).join(' · ');
    this.accessibilityInformation = {
      label: [vscode.l10n.t('Review {0} number {1}: {2}', review.repo, review.number, review.title), stateLabel(state), vscode.l10n.t('by {0}', review.author),
        waitingOnAuthor ? WORDS.youAskedForChanges() : vscode.l10n.t('waiting {0} business hours', waited), since,
        this.sla === 'breached' ? vscode.l10n.t('past the {0} hour SLA', slaHours) : '', review.ci === 'failure' ? WORDS.ciFailing() : '',
        review.draft ? WORDS.draft() : ''].filter(Boolean).join(', '),
    };
    const color = SLA_COLOR[this.sla];
    this.iconPath = new vscode.ThemeIcon(review.draft ? 'git-pull-request-draft' : this.sla === 'breached' ? 'git-pull-request-go-to-changes' : 'git-pull-request', color ? new vscode.ThemeColor(color) : undefined);
    this.contextValue = decision.contextValue;
    this.tooltipOf = () => tooltip((md) => {
      md.appendMarkdown('**').appendText(`${review.repo}#${review.number}`).appendMarkdown('** ').appendText(review.title);
      md.appendMarkdown('\n\n').appendText(this.sla === 'breached'
        ? vscode.l10n.t('by {0} · waiting {1} business hours (past the {2} h SLA)', review.author, waited, slaHours)
        : vscode.l10n.t('by {0} · waiting {1} business hours', review.author, waited));
      md.appendMarkdown('\n\n').appendText([size, ciText(review.ci), review.draft ? vscode.l10n.t('draft') : '',
        review.direct ? vscode.l10n.t('requested from you') : vscode.l10n.t('requested from @{0}', review.team ?? vscode.l10n.t('your team'))].filter(Boolean).join(' · '));
      md.appendMarkdown('\n\n').appendText(stateLabel(state) + (waitingOnAuthor ? vscode.l10n.t(': you asked for changes, nothing pushed since') : ''));
      if (since) md.appendMarkdown('\n\n').appendText(`${since}: `).appendText(review.changesSinceUrl ?? review.url);
    });
    if (review.url) this.command = { command: Commands.workOpen, title: WORDS.open(), arguments: [this] };
  }
}

const BLOCKED_WORDS: Record<BlockedReason, () => string> = {
  checks: () => vscode.l10n.t('failing checks'), review: () => vscode.l10n.t('a required review is missing'), conflicts: () => vscode.l10n.t('conflicts'),
  behind: () => vscode.l10n.t('behind its base branch'), draft: () => vscode.l10n.t('draft'), rules: () => vscode.l10n.t("the branch's rules"),
};

/** Where an approved PR stands on its way in, as the decision says: "queued #2 · ETA 12m", "removed from the merge queue: failed checks". */
export function queueText(q: MergeQueueState | null): string {
  switch (q?.kind) {
    case 'queued': return q.etaSeconds !== null ? vscode.l10n.t('queued #{0} · ETA {1}', q.position, formatDuration(q.etaSeconds * 1000)) : vscode.l10n.t('queued #{0}', q.position);
    case 'auto-merge': return vscode.l10n.t('auto-merge armed');
    case 'removed': return q.reason ? vscode.l10n.t('removed from the merge queue: {0}', q.reason) : vscode.l10n.t('removed from the merge queue');
    case 'blocked': return vscode.l10n.t('blocked: {0}', BLOCKED_WORDS[q.reason]());
    case 'ready': return q.unstable ? vscode.l10n.t('ready to merge, optional checks failing') : '';
    default: return '';
  }
}

/** An AI reviewer's state: "Copilot: requested", "Copilot: reviewed the current head", "Copilot: reviewed an older commit". */
export function aiReviewText(r: AiReview): string {
  switch (r.state) {
    case 'requested': return vscode.l10n.t('{0}: requested', r.bot);
    case 'reviewed-current': return vscode.l10n.t('{0}: reviewed the current head', r.bot);
    case 'reviewed-older': return vscode.l10n.t('{0}: reviewed an older commit', r.bot);
  }
}

/** One of the lead's open PRs: draws its decision. `pullRequest` is what the commands on it read. */
export class OwnPullNode extends vscode.TreeItem implements LazyTooltip {
  children: never[] = [];
  readonly tooltipOf: () => vscode.MarkdownString;
  readonly pullRequest: OwnPullRequest;
  readonly state: InboxState;
  readonly pastSla: boolean;
  /** Nudge… on a PR waiting on its reviewers past the SLA. */
  readonly nudgeTarget?: NudgeTarget;
  constructor(readonly decision: OwnPullDecision<OwnPullRequest>, slaHours: number, now: number) {
    const pr = decision.item;
    super(`#${pr.number} ${pr.title}`, vscode.TreeItemCollapsibleState.None);
    this.pullRequest = pr;
    this.state = decision.state;
    this.pastSla = decision.pastSla;
    const { basis, pastSla } = decision;
    const summary = ownPullSummary(pr, basis);
    const waited = formatDuration(decision.waitMs);
    const ci = ciText(pr.ci ?? 'none');
    this.id = decision.id;
    if (decision.nudge) this.nudgeTarget = decision.nudge;
    const queue = queueText(decision.queue);
    const ai = (pr.aiReviews ?? []).map(aiReviewText);
    this.description = [pr.repo, summary, queue, basis === 'waiting-on-reviewers' ? waited : '', ci, pr.draft ? vscode.l10n.t('draft') : '',
      ...ai, nudgedWords(decision.lastNudgeAt, now)].filter(Boolean).join(' · ');
    const color = basis === 'approved' ? 'charts.green' : pastSla || basis === 'changes-requested' ? 'list.errorForeground' : undefined;
    this.iconPath = new vscode.ThemeIcon(pr.draft ? 'git-pull-request-draft' : STATE_ICONS[basis], color ? new vscode.ThemeColor(color) : undefined);
    this.contextValue = decision.contextValue;
    this.accessibilityInformation = {
      label: [vscode.l10n.t('Your pull request {0} number {1}: {2}', pr.repo, pr.number, pr.title), stateLabel(decision.state), summary,
        basis !== 'waiting-on-reviewers' ? '' : pastSla ? vscode.l10n.t('waiting {0} business hours, past the {1} hour SLA', waited, slaHours) : vscode.l10n.t('waiting {0} business hours', waited),
        pr.ci === 'failure' ? vscode.l10n.t('CI failing') : '', queue, ...ai].filter(Boolean).join(', '),
    };
    this.tooltipOf = () => tooltip((md) => {
      md.appendMarkdown('**').appendText(`${pr.repo}#${pr.number}`).appendMarkdown('** ').appendText(pr.title);
      md.appendMarkdown('\n\n').appendText(`${stateLabel(decision.state)}: ${summary}`);
      if (queue) md.appendMarkdown('\n\n').appendText(queue);
      if (ai.length > 0) md.appendMarkdown('\n\n').appendText(ai.join(' · '));
      if (basis === 'waiting-on-reviewers') {
        md.appendMarkdown('\n\n').appendText(pastSla
          ? vscode.l10n.t('waiting {0} business hours (past the {1} h SLA)', waited, slaHours) : vscode.l10n.t('waiting {0} business hours', waited));
      }
    });
    if (pr.url) this.command = { command: Commands.workOpen, title: WORDS.open(), arguments: [this] };
  }
}
