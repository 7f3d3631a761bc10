/**
 * The "Team" group of the tree: one node per member of {@link Settings.teamMembers}, lightest review
 * load first, with the PRs waiting on them as children. GitHub text is untrusted: labels are
 * plain text, tooltips take it through `appendText` only.
 */
import * as vscode from 'vscode';
import type { TeamMemberDecision, TeamReviewDecision } from '../core/itemDecisions';
import type { NudgeTarget } from '../core/nudges';
import type { PersonTurnaround } from '../core/reviewTurnaround';
import { loadCountsText, type MemberLoad, type MemberReview } from '../core/teamLoad';
import { formatDuration } from '../core/timeline';
import { Commands, Settings, settingId } from '../ids';
import type { TeamTurnaround } from '../turnaround/turnaroundService';
import { pickupLine, turnaroundDetails } from '../turnaround/turnaroundText';
import { tooltip, type LazyTooltip } from './nodeParts';

export type TeamNode = TeamGroupNode | TeamMemberNode | TeamReviewNode;

/** Collapsed by default: the lead's own work comes first. */
export class TeamGroupNode extends vscode.TreeItem {
  children: TeamNode[];
  readonly members: readonly MemberLoad[];
  /** `loaded` false: the team's load is not known yet. */
  /** `turnaround`: each member's review pickup, when a view has asked for it (see TurnaroundService). */
  constructor(decided: readonly TeamMemberDecision[], loaded: boolean, slaHours: number, turnaround?: Pick<TeamTurnaround, 'of'>) {
    super(vscode.l10n.t('Team'), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = 'group:team';
    this.contextValue = 'group.team';
    this.iconPath = new vscode.ThemeIcon('organization');
    this.members = decided.map((m) => m.load);
    this.children = decided.map((m) => new TeamMemberNode(m, slaHours, turnaround?.of(m.load.login)));
    const load = loaded ? this.members : null;
    const waiting = this.members.reduce((n, m) => n + (m.count ?? 0), 0);
    const breaching = this.members.reduce((n, m) => n + m.breaching, 0);
    this.description = load === null ? vscode.l10n.t('Loading…')
      : [waiting === 1 ? vscode.l10n.t('1 review waiting') : vscode.l10n.t('{0} reviews waiting', waiting), breaching > 0 ? vscode.l10n.t('{0} past SLA', breaching) : ''].filter(Boolean).join(' · ');
  }
}

export class TeamMemberNode extends vscode.TreeItem implements LazyTooltip {
  readonly tooltipOf: () => vscode.MarkdownString;
  children: TeamReviewNode[];
  readonly load: MemberLoad;
  constructor(decided: TeamMemberDecision, slaHours: number, pickup?: PersonTurnaround) {
    const load = decided.load;
    super(load.login, load.reviews.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = `team:${load.login.toLowerCase()}`;
    this.contextValue = load.exists ? 'teamMember' : 'teamMember unknown';
    // From a cut list the oldest wait is only a lower bound: "oldest 3d 2h+".
    const oldest = !load.count ? '' : load.complete ? vscode.l10n.t('oldest {0}', formatDuration(load.oldestWaitMs)) : vscode.l10n.t('oldest {0}+', formatDuration(load.oldestWaitMs));
    this.description = [loadCountsText(load), oldest, pickupLine(pickup)].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(load.exists ? 'account' : 'warning', load.breaching > 0 || !load.exists
      ? new vscode.ThemeColor(load.exists ? 'list.errorForeground' : 'list.warningForeground') : undefined);
    this.load = load;
    this.children = decided.reviews.map((r) => new TeamReviewNode(r, slaHours));
    this.tooltipOf = () => tooltip((md) => {
      md.appendMarkdown('**').appendText(load.login).appendMarkdown('**\n\n');
      md.appendText(!load.exists ? vscode.l10n.t('GitHub knows no user by this login: check {0}.', settingId(Settings.teamMembers))
        : load.count === null ? vscode.l10n.t('GitHub did not send this member\'s review requests.')
          : `${load.count} review${load.count === 1 ? '' : 's'} requested of them and waiting${load.count ? `; the oldest for ${formatDuration(load.oldestWaitMs)} business hours` : ''}${load.breaching ? `; ${load.breaching} past the ${slaHours} h SLA` : ''}`
          + (load.complete ? '' : vscode.l10n.t(' (GitHub listed the oldest {0}: the wait and the breaches are of those)', load.reviews.length)));
      if (pickup) md.appendMarkdown('\n\n').appendText(turnaroundDetails(pickup).join('\n'));
    });
  }
}

export class TeamReviewNode extends vscode.TreeItem implements LazyTooltip {
  readonly tooltipOf: () => vscode.MarkdownString;
  children: TeamNode[] = [];
  readonly member: string;
  readonly review: MemberReview;
  /** Handed on by the lead and still requested of them: not started, so Nudge… offers itself. */
  readonly nudgeTarget?: NudgeTarget;
  constructor(readonly decision: TeamReviewDecision, slaHours: number) {
    const { member, item: review } = decision;
    super(`#${review.number} ${review.title}`, vscode.TreeItemCollapsibleState.None);
    this.member = member;
    this.review = review;
    const waited = formatDuration(decision.waitMs);
    const breached = decision.sla === 'breached';
    this.id = decision.id;
    if (decision.nudge) this.nudgeTarget = decision.nudge;
    this.contextValue = decision.contextValue;
    this.description = [review.repo, waited, review.draft ? vscode.l10n.t('draft') : '', breached ? vscode.l10n.t('past SLA') : ''].filter(Boolean).join(' · ');
    this.iconPath = new vscode.ThemeIcon(review.draft ? 'git-pull-request-draft' : 'git-pull-request', breached ? new vscode.ThemeColor('list.errorForeground') : undefined);
    this.tooltipOf = () => tooltip((md) => {
      md.appendMarkdown('**').appendText(`${review.repo}#${review.number}`).appendMarkdown('** ').appendText(review.title);
      md.appendMarkdown('\n\n').appendText(breached
        ? vscode.l10n.t('by {0} · waiting on {1} for {2} business hours (past the {3} h SLA)', review.author, member, waited, slaHours)
        : vscode.l10n.t('by {0} · waiting on {1} for {2} business hours', review.author, member, waited));
    });
    if (review.url) this.command = { command: Commands.workOpen, title: vscode.l10n.t('Open'), arguments: [this] };
  }
}

/**
 * The Team group asks for the turnaround when the lead opens it (never on a refresh: GitHub is
 * read at most once a day, and not for a lead who never looks), and is drawn again when it comes.
 */
export function showTeamTurnaround(view: vscode.TreeView<unknown>, turnaround: TeamTurnaround, redraw: () => void): vscode.Disposable {
  return vscode.Disposable.from(
    view.onDidExpandElement((e) => { if (e.element instanceof TeamGroupNode) void turnaround.ensure(); }),
    turnaround.onDidChange(redraw),
  );
}
