/**
 * "Merge…" on one of the lead's approved PRs: the method follows the repository's settings, the
 * lead confirms with the method named, and the merge only goes through if the head is still the
 * commit the tree showed. GitHub's refusals (405 not mergeable, 409 head moved, 403) each say why.
 */
import * as vscode from 'vscode';
import type { GitHubConnection } from '../github/connection';
import { MERGE_METHOD_WORDS, mergeRefusal } from '../github/mergeMethod';
import type { OwnPullRequest } from '../github/service';
import { Commands } from '../ids';
import { notificationSafe } from '../util/errors';
import { pickPull } from './pullPick';
import type { WorkModel } from './workModel';

/** Tests pass the confirmation in: VS Code refuses modal dialogs under test. */
export interface MergeOptions {
  readonly confirmed?: boolean;
}

export function registerMergeCommand(model: WorkModel, github: GitHubConnection): vscode.Disposable {
  const merge = async (node?: { readonly pullRequest?: OwnPullRequest }, options: MergeOptions = {}): Promise<boolean> => {
    const pr = node?.pullRequest ?? await pickApproved(model);
    if (!pr) return false;
    try {
      const method = await github.run((s) => s.mergeMethod(pr.repo));
      if (!method) return false;
      const mergeButton = vscode.l10n.t('Merge');
      const confirmed = options.confirmed ?? (await vscode.window.showWarningMessage(
        vscode.l10n.t('Merge {0}#{1} "{2}" with {3}?', pr.repo, pr.number, notificationSafe(pr.title), MERGE_METHOD_WORDS[method]),
        { modal: true, detail: vscode.l10n.t("The method follows {0}'s settings. It merges only if nothing was pushed since the tree last refreshed.", pr.repo) }, mergeButton,
      )) === mergeButton;
      if (!confirmed) return false;
      await github.run((s) => s.merge(pr.repo, pr.number, method, pr.headSha));
      model.forgetOwnPullRequest(pr.repo, pr.number);
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: merged {0}#{1} with {2}.', pr.repo, pr.number, MERGE_METHOD_WORDS[method]));
      return true;
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: {0}', mergeRefusal(e, pr)));
      return false;
    }
  };
  return vscode.commands.registerCommand(Commands.workMerge, merge);
}

/** From the palette: the lead's approved PRs. */
async function pickApproved(model: WorkModel): Promise<OwnPullRequest | undefined> {
  const approved = model.snapshot.ownPullRequests.filter((p) => p.reviewDecision === 'APPROVED' && !p.draft);
  if (approved.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: none of your open pull requests is approved.'));
    return undefined;
  }
  return pickPull(approved, vscode.l10n.t('Merge which pull request?'));
}
