/**
 * "Merge…" on one of the lead's approved PRs: the method follows the repository's settings, the
 * lead confirms with the method named, and the merge only goes through if the head is still the
 * commit the tree showed. GitHub's refusals (405 not mergeable, 409 head moved, 403) each say why.
 * The confirmation is the lead's alone: no argument of the command can answer it. A merge whose
 * answer was lost (502…) is read back: merged is reported as merged, unknown as unknown.
 */
import * as vscode from 'vscode';
import type { GitHubConnection } from '../github/api';
import { lostAnswer, UnconfirmedWrite } from '../github/api';
import { MERGE_METHOD_WORDS, mergeRefusal } from '../github/api';
import type { OwnPullRequest } from '../github/api';
import { Commands } from '../ids';
import { confirmModal } from '../util/confirm';
import { describeForNotification, notificationSafe } from '../util/errors';
import { paletteCandidates } from '../core/paletteCandidates';
import { mergeAction } from '../core/mergeQueue';
import { pickPull } from './pullPick';
import type { InboxService as WorkModel } from '../inbox/inboxService';
import type { InboxDecisions } from '../inbox/inboxDecisions';

export function registerMergeCommand(model: WorkModel, github: GitHubConnection, decisions: Pick<InboxDecisions, 'current'>): vscode.Disposable {
  // Only the node: whatever else a caller passes is ignored.
  const merge = async (node?: { readonly pullRequest?: OwnPullRequest }): Promise<boolean> => {
    const pr = node?.pullRequest ?? await pickApproved(decisions);
    if (!pr) return false;
    const action = mergeAction({ queueRequired: pr.mergeQueue?.queueRequired ?? false, entry: pr.mergeQueue?.entry ?? null });
    if (action === 'none') {
      // Acting on a queued PR would send it to the back of the queue.
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: {0}#{1} is in the merge queue already (#{2}); nothing was sent.', pr.repo, pr.number, pr.mergeQueue?.entry?.position ?? '?'));
      return false;
    }
    if (action === 'enqueue') return addToQueue(model, github, pr);
    try {
      const method = await github.run((s) => s.mergeMethod(pr.repo));
      if (!method) return false;
      const confirmed = await confirmModal(
        vscode.l10n.t('Merge {0}#{1} "{2}" with {3}?', pr.repo, pr.number, notificationSafe(pr.title), MERGE_METHOD_WORDS[method]),
        vscode.l10n.t("The method follows {0}'s settings. It merges only if nothing was pushed since the tree last refreshed.", pr.repo), vscode.l10n.t('Merge'),
      );
      if (!confirmed) return false;
      const done = await github.run((s) => s.merge(pr.repo, pr.number, method, pr.headSha));
      if (!done) return false;
      model.forgetOwnPullRequest(pr.repo, pr.number);
      const merged = vscode.l10n.t('Lead Desk: merged {0}#{1} with {2}.', pr.repo, pr.number, MERGE_METHOD_WORDS[method]);
      void vscode.window.showInformationMessage(done.recoveredFrom
        ? `${merged} ${vscode.l10n.t('({0}, but the pull request is merged.)', lostAnswer(done.recoveredFrom))}` : merged);
      return true;
    } catch (e) {
      if (e instanceof UnconfirmedWrite) {
        // It may be merged: neither "GitHub will not merge" nor an invitation to merge again.
        void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: {0}#{1} may have been merged: {2}. Refresh the tree to see.', pr.repo, pr.number, describeForNotification(e)));
        return false;
      }
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: {0}', mergeRefusal(e, pr)));
      return false;
    }
  };
  return vscode.commands.registerCommand(Commands.workMerge, merge);
}

/** Merge… on a branch that requires a merge queue: the PR joins the queue (`enqueuePullRequest`), after the lead confirms. */
async function addToQueue(model: WorkModel, github: GitHubConnection, pr: OwnPullRequest): Promise<boolean> {
  const confirmed = await confirmModal(
    vscode.l10n.t('Add {0}#{1} "{2}" to the merge queue?', pr.repo, pr.number, notificationSafe(pr.title)),
    vscode.l10n.t("{0}'s branch requires a merge queue: GitHub merges it when its turn comes and the checks pass. It is added only if nothing was pushed since the tree last refreshed.", pr.repo),
    vscode.l10n.t('Add to merge queue'),
  );
  if (!confirmed) return false;
  try {
    const done = await github.run((s) => s.enqueuePullRequest(pr.repo, pr.number, pr.headSha));
    if (!done) return false;
    const where = done.entry ? vscode.l10n.t(' at #{0}', done.entry.position) : '';
    const said = done.alreadyQueued
      ? vscode.l10n.t('Lead Desk: {0}#{1} was in the merge queue already{2}; nothing was sent.', pr.repo, pr.number, where)
      : vscode.l10n.t('Lead Desk: added {0}#{1} to the merge queue{2}.', pr.repo, pr.number, where);
    void vscode.window.showInformationMessage(done.recoveredFrom ? `${said} ${vscode.l10n.t('({0}, but the pull request is in the queue.)', lostAnswer(done.recoveredFrom))}` : said);
    void model.refresh();
    return true;
  } catch (e) {
    if (e instanceof UnconfirmedWrite) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: {0}#{1} may have been added to the merge queue: {2}. Refresh the tree to see.', pr.repo, pr.number, describeForNotification(e)));
      return false;
    }
    void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: {0}#{1} was not added to the merge queue: {2}', pr.repo, pr.number, describeForNotification(e)));
    return false;
  }
}

/** From the palette: the lead's PRs the tree offers Merge… on (approved, not drafts: `mergeable` in core/itemDecisions.ts). */
async function pickApproved(decisions: Pick<InboxDecisions, 'current'>): Promise<OwnPullRequest | undefined> {
  const approved = paletteCandidates.merge(decisions.current);
  if (approved.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: none of your open pull requests is approved.'));
    return undefined;
  }
  return pickPull(approved, vscode.l10n.t('Merge which pull request?'));
}
