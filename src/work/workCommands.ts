/** Commands on the tree and its items: open, follow up, reassign, change due date, mark done. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { Commands, SETTINGS_SECTION, Settings } from '../ids';
import type { GitHubConnection } from '../github/api';
import { webHostFor } from '../github/api';
import { describeForNotification, notificationSafe } from '../util/errors';
import { isAllowedLink } from '../webview/links';
import type { TaskRepository } from '../inbox/taskRepository';
import { pickDueDate, type DelegateTaskFlow } from '../inbox/delegateTask';
import { IssueNode, TaskNode, type WorkNode } from './nodes';
import { assignableMembers } from '../core/teamLoad';
import { OwnPullNode } from './inboxNodes';
import type { InboxService as WorkModel } from '../inbox/inboxService';
import { nudgeTargetOf, runNudge, type NudgeDeps, type NudgeOutcome } from './nudge';
import type { NudgeLog } from '../inbox/nudgeLog';
import type { InboxDecisions } from '../inbox/inboxDecisions';

export function registerWorkCommands(deps: {
  config: Config; model: WorkModel; tasks: TaskRepository; github: GitHubConnection; delegate: DelegateTaskFlow;
  /** Where nudges (and follow-ups) are recorded, for the tree, the 1:1 view and the Morning Review. */
  nudges: NudgeLog;
  /** What the palette's Nudge… picks from (the tree's decisions). */
  decisions: InboxDecisions;
}): vscode.Disposable {
  const { config, model, tasks, github, delegate } = deps;
  const nudge: NudgeDeps = { config, github, decisions: deps.decisions, log: deps.nudges };
  const reportFailure = (what: string) => (e: unknown) => {
    const text = describeForNotification(e);
    void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not {0}: {1}', what, text));
  };

  const open = async (node?: WorkNode) => {
    // Pending reviews and the team's reviews both carry a `review`.
    const url = node instanceof TaskNode ? node.task.link : node instanceof IssueNode ? node.issue.url
      : node instanceof OwnPullNode ? node.pullRequest.url : node && 'review' in node ? node.review.url : undefined;
    if (!url) return;
    // Links come from GitHub or the lead's own input: only http(s) to the configured host open.
    const host = webHostFor(config.settings.apiUrl);
    if (isAllowedLink(url, host)) await vscode.env.openExternal(vscode.Uri.parse(url, true));
    else void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: not opening {0}: it is not on {1}.', notificationSafe(url), host));
  };

  /** Follow Up… is Nudge… on a delegated item, with its own title: one code path posts and records. */
  const followUp = async (node?: WorkNode) => {
    const target = nudgeTargetOf(node);
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: follow-up comments need a task linked to a GitHub issue or pull request.'));
      return;
    }
    await runNudge(nudge, target, { verb: vscode.l10n.t('Follow up on') });
  };

  const reassign = async (node?: WorkNode) => {
    if (!(node instanceof TaskNode) && !(node instanceof IssueNode)) return;
    const current = node instanceof TaskNode ? node.task.assignee : node.issue.assignees.join(', ');
    const choices = assignableMembers(config.settings.teamMembers, config.settings.teamAgents).filter((m) => m !== current).map((label) => ({ label }));
    const someoneElse = vscode.l10n.t('Someone else…');
    const pick = await vscode.window.showQuickPick([...choices, { label: someoneElse }], { title: vscode.l10n.t('Reassign (now: {0})', current ?? ''), ignoreFocusOut: true });
    if (!pick) return;
    const who = pick.label === someoneElse
      ? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('GitHub login'), validateInput: (v) => (/^[A-Za-z0-9-]{1,39}$/.test(v.trim()) ? undefined : vscode.l10n.t('A GitHub login')) }))?.trim()
      : pick.label;
    if (!who) return;
    if (node instanceof TaskNode) {
      await tasks.update(node.task.id, { assignee: who, ...(who !== node.task.assignee ? { reassignedAt: Date.now(), previousAssignee: node.task.assignee } : {}) });
      if (node.task.repo && node.task.issueNumber) {
        await github.run((s) => s.setAssignees(node.task.repo!, node.task.issueNumber!, [who])).catch(reportFailure(vscode.l10n.t('reassign on GitHub')));
      }
      await model.reloadTasks();
    } else {
      await github.run((s) => s.setAssignees(node.issue.repo, node.issue.number, [who])).catch(reportFailure(vscode.l10n.t('reassign on GitHub')));
      await model.refresh();
    }
  };

  const changeDueDate = async (node?: WorkNode) => {
    if (!(node instanceof TaskNode)) return;
    const due = await pickDueDate(vscode.l10n.t('Change the due date of "{0}"', node.task.title));
    if (due === undefined) return;
    await tasks.update(node.task.id, { due: due || null });
    await model.reloadTasks();
  };

  const markDone = async (node?: WorkNode) => {
    if (!(node instanceof TaskNode)) return;
    await tasks.update(node.task.id, { doneAt: Date.now() });
    await model.reloadTasks();
  };

  const toggleGrouping = () =>
    vscode.workspace.getConfiguration(SETTINGS_SECTION)
      .update(Settings.groupBy, config.settings.groupBy === 'person' ? 'dueDate' : 'person', vscode.ConfigurationTarget.Global);

  /**
   * A command on a tree item never rejects: the item may be gone (the task was deleted in another
   * window, "that task no longer exists") or GitHub may fail. The lead is told, and the tree is
   * reloaded so a stale item disappears.
   */
  const guarded = (what: string, fn: (node?: WorkNode) => Promise<void>) => async (node?: WorkNode): Promise<void> => {
    try {
      await fn(node);
    } catch (e) {
      reportFailure(what)(e);
      await model.reloadTasks().catch(() => undefined);
    }
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand(Commands.workOpen, guarded(vscode.l10n.t('open it'), open)),
    vscode.commands.registerCommand(Commands.workFollowUp, guarded(vscode.l10n.t('follow up'), followUp)),
    // Returns how it ended (tests); never rejects. Only the target comes from the caller.
    vscode.commands.registerCommand(Commands.nudge, async (arg?: unknown): Promise<NudgeOutcome> => {
      try {
        const target = nudgeTargetOf(arg);
        // From the palette there is no argument: a pick follows. An item without a target says so.
        if (!target && arg !== undefined && arg !== null) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Lead Desk: this item cannot be nudged: Nudge… works on your PRs waiting on reviewers and on delegated items linked to GitHub.'));
          return 'nothing';
        }
        return await runNudge(nudge, target);
      } catch (e) {
        reportFailure(vscode.l10n.t('nudge'))(e);
        return 'failed';
      }
    }),
    vscode.commands.registerCommand(Commands.workReassign, guarded(vscode.l10n.t('reassign it'), reassign)),
    vscode.commands.registerCommand(Commands.workChangeDueDate, guarded(vscode.l10n.t('change the due date'), changeDueDate)),
    vscode.commands.registerCommand(Commands.workMarkDone, guarded(vscode.l10n.t('mark it done'), markDone)),
    vscode.commands.registerCommand(Commands.toggleGrouping, toggleGrouping),
    vscode.commands.registerCommand(Commands.refresh, () => model.refresh()),
    vscode.commands.registerCommand(Commands.delegateTask, async () => {
      const task = await delegate.run().catch((e) => { reportFailure(vscode.l10n.t('save the task'))(e); return undefined; });
      if (task) await model.reloadTasks();
      return task;
    }),
  );
}
