/**
 * The "Team" group of the tree: one node per member of {@link Settings.teamMembers}, lightest review
 * load first, with the PRs waiting on them as children. GitHub text is untrusted: labels are
 * plain text, tooltips take it through `appendText` only.
 */
import * as vscode from 'vscode';
import { businessMsBetween, type BusinessHours } from '../core/businessHours';
import type { NudgeTarget } from '../core/nudges';
import { reviewSlaState, waitingBusinessMs } from '../core/reviews';
import { loadCountsText, teamLoad, type MemberLoad, type MemberReview, type MemberReviews } from '../core/teamLoad';
import { formatDuration } from '../core/timeline';
import { Commands, Settings, settingId } from '../ids';
import { tooltip } from './nodes';

interface LoadConfig {
  readonly slaHours: number;
  readonly businessHours: BusinessHours;
  /** When the lead handed this review to `login` ("Hand This Review to…"), if they did. */
  readonly handedAt?: (repo: string, number: number, login: string) => number | undefined;
}

export type TeamNode = TeamGroupNode | TeamMemberNode | TeamReviewNode;

/** Collapsed by default: the lead's own work comes first. */
export class TeamGroupNode extends vscode.TreeItem {
  readonly children: TeamNode[];
  readonly members: readonly MemberLoad[];
  constructor(load: readonly MemberReviews[] | null, configured: readonly string[], now: number, config: LoadConfig) {
    super(vscode.l10n.t('Team'), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = 'group:team';
    this.contextValue = 'group.team';
    this.iconPath = new vscode.ThemeIcon('organization');
    // Only configured members show: a load fetched for an older setting value is not theirs.
    const wanted = new Set(configured.map((m) => m.toLowerCase()));
    this.members = load === null ? [] : teamLoad(load.filter((m) => wanted.has(m.login.toLowerCase())), now, config);
    this.children = this.members.map((m) => new TeamMemberNode(m, now, config));
    const waiting = this.members.reduce((n, m) => n + (m.count ?? 0), 0);
    const breaching = this.members.reduce((n, m) => n + m.breaching, 0);
    this.description = load === null ? vscode.l10n.t('Loading…')
      : [waiting === 1 ? vscode.l10n.t('1 review waiting') : vscode.l10n.t('{0} reviews waiting', waiting), breaching > 0 ? vscode.l10n.t('{0} past SLA', breaching) : ''].filter(Boolean).join(' · ');
  }
}

export class TeamMemberNode extends vscode.TreeItem {
  readonly children: TeamReviewNode[];
  constructor(readonly load: MemberLoad, now: number, config: LoadConfig) {
    super(load.login, load.reviews.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `team:${load.login.toLowerCase()}`;
    this.contextValue = load.exists ? 'teamMember' : 'teamMember unknown';
    // From a cut list the oldest wait is only a lower bound: "oldest 3d 2h+".
    const oldest = !load.count ? '' : load.complete ? vscode.l10n.t('oldest {0}', formatDuration(load.oldestWaitMs)) : vscode.l10n.t('oldest {0}+', formatDuration(load.oldestWaitMs));
    this.description = [loadCountsText(load), oldest].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(load.exists ? 'account' : 'warning', load.breaching > 0 || !load.exists
      ? new vscode.ThemeColor(load.exists ? 'list.errorForeground' : 'list.warningForeground') : undefined);
    this.children = load.reviews.map((r) => new TeamReviewNode(load.login, r, now, config));
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(load.login).appendMarkdown('**\n\n');
      md.appendText(!load.exists ? vscode.l10n.t('GitHub knows no user by this login: check {0}.', settingId(Settings.teamMembers))
        : load.count === null ? vscode.l10n.t('GitHub did not send this member\'s review requests.')
          : `${load.count} review${load.count === 1 ? '' : 's'} requested of them and waiting${load.count ? `; the oldest for ${formatDuration(load.oldestWaitMs)} business hours` : ''}${load.breaching ? `; ${load.breaching} past the ${config.slaHours} h SLA` : ''}`
          + (load.complete ? '' : vscode.l10n.t(' (GitHub listed the oldest {0}: the wait and the breaches are of those)', load.reviews.length)));
    });
  }
}

export class TeamReviewNode extends vscode.TreeItem {
  readonly children: TeamNode[] = [];
  readonly nudgeTarget?: NudgeTarget;
  constructor(readonly member: string, readonly review: MemberReview, now: number, config: LoadConfig) {
    super(`#${review.number} ${review.title}`, vscode.TreeItemCollapsibleState.None);
    const waited = formatDuration(waitingBusinessMs(review, now, config.businessHours));
    const breached = reviewSlaState(review, now, config) === 'breached';
    this.id = `team:${member.toLowerCase()}:${review.repo}#${review.number}`;
    // Handed on by the lead and still requested of them: not started, so Nudge… offers itself.
    const handedAt = config.handedAt?.(review.repo, review.number, member);
    if (handedAt !== undefined) {
      this.nudgeTarget = { repo: review.repo, number: review.number, url: review.url, title: review.title, who: [member],
        waitedMs: businessMsBetween(handedAt, now, config.businessHours), kind: 'handed-review' };
    }
    this.contextValue = 'teamReview' + (review.url ? ' linked' : '') + (this.nudgeTarget ? ' handedOn nudgeable' : '');
    this.description = [review.repo, waited, review.draft ? vscode.l10n.t('draft') : '', breached ? vscode.l10n.t('past SLA') : ''].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(review.draft ? 'git-pull-request-draft' : 'git-pull-request', breached ? new vscode.ThemeColor('list.errorForeground') : undefined);
    this.tooltip = tooltip((md) => {
      md.appendMarkdown('**').appendText(`${review.repo}#${review.number}`).appendMarkdown('** ').appendText(review.title);
      md.appendMarkdown('\n\n').appendText(breached
        ? vscode.l10n.t('by {0} · waiting on {1} for {2} business hours (past the {3} h SLA)', review.author, member, waited, config.slaHours)
        : vscode.l10n.t('by {0} · waiting on {1} for {2} business hours', review.author, member, waited));
    });
    if (review.url) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }
}
