/**
 * Nudge…: the one way Lead Desk posts a follow-up comment. It drafts a comment mentioning the
 * people (with the wait and a link), asks first when one of them was nudged on the same item
 * within {@link Settings.nudgeQuietHours}, lets the lead edit the draft, posts it, and records the
 * nudge — only once GitHub has taken the comment. "Follow Up…" on a delegated item runs it too.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { asNudgeTarget, draftNudge, mentionable, nudgedText, recentlyNudged, type NudgeTarget } from '../core/nudges';
import { paletteCandidates } from '../core/paletteCandidates';
import type { GitHubConnection } from '../github/api';
import { lostAnswer, UnconfirmedWrite } from '../github/api';
import type { PostedComment } from '../github/api';
import { describeForNotification, notificationSafe } from '../util/errors';
import type { NudgeLog } from '../inbox/nudgeLog';
import type { InboxDecisions } from '../inbox/inboxDecisions';
import { withoutIconSyntax } from '../core/iconSyntax';

export interface NudgeDeps {
  readonly config: Config;
  readonly github: GitHubConnection;
  readonly log: NudgeLog;
  /** What the palette picks from: the items the tree offers Nudge… on. */
  readonly decisions: Pick<InboxDecisions, 'current'>;
}

/** How a nudge ended, for tests and callers. */
export type NudgeOutcome = 'posted' | 'cancelled' | 'declined' | 'failed' | 'nothing';

/** "Nudge again within the quiet hours?" is the lead's to answer: no option (and no command argument) answers it. */
export interface NudgeOptions {
  /** The input box's title verb ("Follow up on"); "Nudge" by default. */
  readonly verb?: string;
}

/** The target of a command argument: anything with a valid `nudgeTarget` (tree nodes, other features' items). */
export function nudgeTargetOf(arg: unknown): NudgeTarget | null {
  if (typeof arg !== 'object' || arg === null) return null;
  return asNudgeTarget((arg as { nudgeTarget?: unknown }).nudgeTarget);
}

/** Quick pick text never renders `$(icon)` syntax from GitHub titles. */
const plain = (s: string): string => withoutIconSyntax(s).replace(/[\r\n]+/g, ' ');

async function pickTarget(deps: Pick<NudgeDeps, 'decisions'>): Promise<NudgeTarget | null> {
  // Exactly the tree's items that offer Nudge… (core/itemDecisions.ts), longest wait first.
  const candidates = paletteCandidates.nudge(deps.decisions.current);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: nothing to nudge: none of your PRs waits on a reviewer past the SLA, no delegated item is overdue, and no review you handed on waits to start.'));
    return null;
  }
  const pick = await vscode.window.showQuickPick(candidates.map((t) => ({
    label: `${t.repo}#${t.number}`,
    description: plain(t.title),
    detail: `${t.kind === 'own-pr' ? 'Your PR, waiting on' : t.kind === 'handed-review' ? 'Handed on, not started by' : 'Overdue, assigned to'} ${mentionable(t.who).join(', ')}`,
    target: t,
  })), { title: vscode.l10n.t('Nudge…'), placeHolder: vscode.l10n.t('What to nudge'), matchOnDescription: true, ignoreFocusOut: true });
  return pick?.target ?? null;
}

/** Runs Nudge… on `target` (or, with none, on a pick of what waits). */
export async function runNudge(deps: NudgeDeps, target: NudgeTarget | null, options: NudgeOptions = {}): Promise<NudgeOutcome> {
  const chosen = target ?? await pickTarget(deps);
  if (!chosen) return 'nothing';
  const where = `${chosen.repo}#${chosen.number}`;
  const who = mentionable(chosen.who);
  if (who.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: nobody to nudge on {0}: it is not assigned to a GitHub user.', where));
    return 'nothing';
  }
  const now = Date.now();
  const { nudgeQuietHours, businessHours } = deps.config.settings;
  const records = await deps.log.reload().catch(() => deps.log.all);
  const recent = recentlyNudged(records, { ...chosen, who }, now, nudgeQuietHours, businessHours);
  if (recent.length > 0) {
    const names = recent.map((r) => `@${r.who} (${nudgedText(r.at, now)})`).join(', ');
    const again = vscode.l10n.t('Nudge anyway');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Lead Desk: you already nudged {0} on {1}, within the {2} business quiet hours. Nudge again?', names, where, nudgeQuietHours), again);
    if (choice !== again) return 'declined';
  }
  const body = await vscode.window.showInputBox({
    title: `${options.verb ?? vscode.l10n.t('Nudge')} ${where}`, prompt: vscode.l10n.t('Edit the comment, then press Enter to post it'),
    value: draftNudge({ ...chosen, who }), ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('The comment is empty')),
  });
  if (!body?.trim()) return 'cancelled';
  let posted: PostedComment | undefined;
  try {
    posted = await deps.github.run((s) => s.comment(chosen.repo, chosen.number, body.trim()));
  } catch (e) {
    if (e instanceof UnconfirmedWrite) {
      // It may be on GitHub: neither "not posted" nor a record of a nudge that may not exist.
      void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: the nudge on {0} may have been posted: {1}. Nothing was recorded.', notificationSafe(where), describeForNotification(e)));
      return 'failed';
    }
    // Nothing is recorded for a comment GitHub did not take.
    void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: the nudge on {0} was not posted: {1}. Nothing was recorded.', notificationSafe(where), describeForNotification(e)));
    return 'failed';
  }
  if (posted === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: not signed in to GitHub: the nudge was not posted.'));
    return 'failed';
  }
  const url = posted.url;
  const at = Date.now();
  const saved = await deps.log.recordAll(who.map((w) => ({ at, who: w, repo: chosen.repo, number: chosen.number, url, kind: chosen.kind })));
  const failed = saved.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: the nudge on {0} was posted, but not recorded: {1}', notificationSafe(where), describeForNotification(failed.reason)));
  } else {
    const nudged = vscode.l10n.t('Lead Desk: nudged {0} on {1}.', who.map((w) => `@${w}`).join(', '), notificationSafe(where));
    const text = posted.recoveredFrom ? `${nudged} ${vscode.l10n.t('({0}, but the comment is on GitHub: it was posted once.)', lostAnswer(posted.recoveredFrom))}` : nudged;
    void vscode.window.showInformationMessage(text, ...(url ? [vscode.l10n.t('Open')] : []))
      .then((choice) => { if (choice && url) void vscode.env.openExternal(vscode.Uri.parse(url)); });
  }
  return 'posted';
}
