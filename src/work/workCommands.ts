/** Commands on the tree and its items: open, follow up, reassign, change due date, mark done. */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { Commands, SETTINGS_SECTION, Settings } from '../ids';
import type { GitHubConnection } from '../github/connection';
import { webHostFor } from '../github/connection';
import { describeForNotification, notificationSafe } from '../util/errors';
import { isAllowedLink } from '../webview/links';
import type { TaskRepository } from './delegatedTask';
import { pickDueDate, type DelegateTaskFlow } from './delegateTask';
import { IssueNode, ReviewNode, TaskNode, type WorkNode } from './nodes';
import type { WorkModel } from './workModel';

export function registerWorkCommands(deps: {
  config: Config; model: WorkModel; tasks: TaskRepository; github: GitHubConnection; delegate: DelegateTaskFlow;
  /** Remembers a follow-up per person, for the 1:1 view's "nudges sent". */
  recordNudge?: (login: string, nudge: { at: number; repo: string; number: number; url: string }) => Promise<void>;
}): vscode.Disposable {
  const { config, model, tasks, github, delegate, recordNudge } = deps;
  const reportFailure = (what: string) => (e: unknown) => {
    const text = describeForNotification(e);
    void vscode.window.showErrorMessage(`Lead Desk: could not ${what}: ${text}`);
  };

  const open = async (node?: WorkNode) => {
    const url = node instanceof TaskNode ? node.task.link : node instanceof IssueNode ? node.issue.url : node instanceof ReviewNode ? node.review.url : node && 'review' in node ? node.review.url : undefined;
    if (!url) return;
    // Links come from GitHub or the lead's own input: only http(s) to the configured host open.
    const host = webHostFor(config.settings.apiUrl);
    if (isAllowedLink(url, host)) await vscode.env.openExternal(vscode.Uri.parse(url, true));
    else void vscode.window.showWarningMessage(`Lead Desk: not opening ${notificationSafe(url)}: it is not on ${host}.`);
  };

  const followUp = async (node?: WorkNode) => {
    const target = node instanceof TaskNode && node.task.repo && node.task.issueNumber
      ? { repo: node.task.repo, number: node.task.issueNumber, who: [node.task.assignee] }
      : node instanceof IssueNode ? { repo: node.issue.repo, number: node.issue.number, who: [...node.issue.assignees] } : undefined;
    if (!target) {
      void vscode.window.showInformationMessage('Lead Desk: follow-up comments need a task linked to a GitHub issue or pull request.');
      return;
    }
    const body = await vscode.window.showInputBox({
      title: `Follow up on ${target.repo}#${target.number}`, prompt: 'Edit the comment, then press Enter to post it',
      value: `${target.who.map((w) => `@${w}`).join(' ')} how is this going? Anything blocking you?`, ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'The comment is empty'),
    });
    if (!body) return;
    try {
      const url = await github.run((s) => s.comment(target.repo, target.number, body.trim()));
      if (url !== undefined) {
        for (const who of target.who) void recordNudge?.(who, { at: Date.now(), repo: target.repo, number: target.number, url }).catch(() => undefined);
      }
      void vscode.window.showInformationMessage(`Lead Desk: follow-up posted on ${target.repo}#${target.number}.`, ...(url ? ['Open'] : []))
        .then((choice) => {
          if (choice && url) void vscode.env.openExternal(vscode.Uri.parse(url));
        });
    } catch (e) {
      reportFailure('post the follow-up')(e);
    }
  };

  const reassign = async (node?: WorkNode) => {
    if (!(node instanceof TaskNode) && !(node instanceof IssueNode)) return;
    const current = node instanceof TaskNode ? node.task.assignee : node.issue.assignees.join(', ');
    const choices = config.settings.teamMembers.filter((m) => m !== current).map((label) => ({ label }));
    const pick = await vscode.window.showQuickPick([...choices, { label: 'Someone else…' }], { title: `Reassign (now: ${current})`, ignoreFocusOut: true });
    if (!pick) return;
    const who = pick.label === 'Someone else…'
      ? (await vscode.window.showInputBox({ prompt: 'GitHub login', validateInput: (v) => (/^[A-Za-z0-9-]{1,39}$/.test(v.trim()) ? undefined : 'A GitHub login') }))?.trim()
      : pick.label;
    if (!who) return;
    if (node instanceof TaskNode) {
      await tasks.update(node.task.id, { assignee: who, ...(who !== node.task.assignee ? { reassignedAt: Date.now(), previousAssignee: node.task.assignee } : {}) });
      if (node.task.repo && node.task.issueNumber) {
        await github.run((s) => s.setAssignees(node.task.repo!, node.task.issueNumber!, [who])).catch(reportFailure('reassign on GitHub'));
      }
      await model.reloadTasks();
    } else {
      await github.run((s) => s.setAssignees(node.issue.repo, node.issue.number, [who])).catch(reportFailure('reassign on GitHub'));
      await model.refresh();
    }
  };

  const changeDueDate = async (node?: WorkNode) => {
    if (!(node instanceof TaskNode)) return;
    const due = await pickDueDate(`Change the due date of "${node.task.title}"`);
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
    vscode.commands.registerCommand(Commands.workOpen, guarded('open it', open)),
    vscode.commands.registerCommand(Commands.workFollowUp, guarded('follow up', followUp)),
    vscode.commands.registerCommand(Commands.workReassign, guarded('reassign it', reassign)),
    vscode.commands.registerCommand(Commands.workChangeDueDate, guarded('change the due date', changeDueDate)),
    vscode.commands.registerCommand(Commands.workMarkDone, guarded('mark it done', markDone)),
    vscode.commands.registerCommand(Commands.toggleGrouping, toggleGrouping),
    vscode.commands.registerCommand(Commands.refresh, () => model.refresh()),
    vscode.commands.registerCommand(Commands.delegateTask, async () => {
      const task = await delegate.run().catch((e) => { reportFailure('save the task')(e); return undefined; });
      if (task) await model.reloadTasks();
      return task;
    }),
  );
}
