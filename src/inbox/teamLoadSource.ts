/**
 * Fetches the team's review load for the inbox (one GraphQL request, after the sidebar's),
 * and warns once per value of {@link Settings.teamMembers} about logins GitHub does not know, and
 * (with its own message, never the misspelling one) about apps listed there.
 */
import * as vscode from 'vscode';
import { peopleOnly } from '../core/aiReviews';
import { botMembers, unknownMembers, type MemberReviews } from '../core/teamLoad';
import type { GitHubConnection } from '../github/api';
import { Settings, settingId } from '../ids';
import { describeError, notificationSafe } from '../util/errors';

/** Remembers which setting values were warned about: a misspelling is said once, not every refresh. */
export class TeamLoadWarnings {
  private readonly warned = new Set<string>();
  /** The last warning, for tests (VS Code's notifications are not readable from the API). */
  last: string | undefined;
  /** How many warnings were shown, for tests. */
  shown = 0;

  /** Apps (`name[bot]`) in the members setting, not named as agents: left out of the team, said once with what to do. */
  warnBots(members: readonly string[], agents: readonly string[]): void {
    const bots = botMembers(members, agents);
    const key = `bots:${JSON.stringify(members)}:${JSON.stringify(agents)}`;
    if (bots.length === 0 || this.warned.has(key)) return;
    this.warned.add(key);
    this.shown++;
    const names = bots.map((m) => `"${m}"`).join(', ');
    this.last = vscode.l10n.t("Lead Desk: {0} in {1} is an app (a bot), not a teammate, and is left out of the team's review load. If it is a coding agent, list it in {2} instead.",
      names, settingId(Settings.teamMembers), settingId(Settings.teamAgents));
    void vscode.window.showInformationMessage(notificationSafe(this.last), vscode.l10n.t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', settingId(Settings.teamMembers));
    });
  }

  warn(members: readonly string[], load: readonly MemberReviews[]): void {
    const unknown = unknownMembers(load);
    const key = JSON.stringify(members);
    if (unknown.length === 0 || this.warned.has(key)) return;
    this.warned.add(key);
    this.shown++;
    const names = unknown.map((m) => `"${m}"`).join(', ');
    this.last = unknown.length === 1
      ? vscode.l10n.t("Lead Desk: {0} in {1} is not a GitHub user — check the spelling. That member is left out of the team's review load.", names, settingId(Settings.teamMembers))
      : vscode.l10n.t("Lead Desk: {0} in {1} are not GitHub users — check the spelling. They are left out of the team's review load.", names, settingId(Settings.teamMembers));
    void vscode.window.showWarningMessage(notificationSafe(this.last), vscode.l10n.t('Open Settings')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', settingId(Settings.teamMembers));
    });
  }
}

/**
 * The load of the people among `team.members` (never a bot nor an agent of `team.agents`) in the
 * watched `repos`; `[]` without any (no request), undefined when signed out or when GitHub failed
 * (the caller keeps what it showed).
 */
export async function fetchTeamLoad(github: GitHubConnection, team: { readonly members: readonly string[]; readonly agents: readonly string[] }, repos: readonly string[], warnings?: TeamLoadWarnings): Promise<MemberReviews[] | undefined> {
  warnings?.warnBots(team.members, team.agents);
  const members = peopleOnly(team.members, team.agents);
  if (members.length === 0) return [];
  try {
    const answer = await github.run((s) => s.teamLoad(members, repos));
    if (!answer) return undefined;
    warnings?.warn(members, answer.members);
    return answer.members;
  } catch (e) {
    console.warn(`[lead-desk] team review load not loaded: ${describeError(e)}`);
    return undefined;
  }
}
