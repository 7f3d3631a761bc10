/**
 * "Lead Desk: Delegate Task…": a short multi-step input — title, assignee, due date, an optional
 * link (an issue/PR URL, or the current selection as a permalink at the current commit), notes.
 */
import * as vscode from 'vscode';
import { Commands } from '../ids';
import { describeForNotification, notificationSafe } from '../util/errors';
import type { Config } from '../config';
import { quickDueChoices } from '../core/dueDates';
import { isLocalDate } from '../core/localDate';
import { assignableMembers } from '../core/teamLoad';
import type { GitHubConnection } from '../github/api';
import { webHostFor, webOriginFor } from '../github/api';
import type { DelegatedTask, TaskRepository } from './taskRepository';
import { parseIssueLink, permalink } from './permalink';
import { repoFromRemote, type WatchedRepositories } from './watchedRepositories';

/** The title of step `n` of the five. */
const step = (n: number): string => vscode.l10n.t('Lead Desk: Delegate Task ({0}/5)', n);

export class DelegateTaskFlow {
  constructor(
    private readonly config: Config,
    private readonly tasks: TaskRepository,
    private readonly github: GitHubConnection,
    private readonly repositories: WatchedRepositories,
  ) {}

  /** `prefill` comes from another feature (a red build): the title to start from and the link to keep. */
  async run(prefill: { readonly title?: string; readonly link?: string } = {}): Promise<DelegatedTask | undefined> {
    const selectionLink = prefill.link === undefined ? await this.selectionPermalink() : undefined;
    const title = await vscode.window.showInputBox({
      title: step(1), prompt: vscode.l10n.t('What needs doing?'), ignoreFocusOut: true, value: prefill.title ?? '',
      validateInput: (v) => (v.trim() ? (v.length > 300 ? vscode.l10n.t('Keep the title under 300 characters') : undefined) : vscode.l10n.t('A title is needed')),
    });
    if (!title) return undefined;
    const assignee = await this.pickAssignee();
    if (!assignee) return undefined;
    const due = await pickDueDate(step(3));
    if (due === undefined) return undefined;
    const link = prefill.link ?? await this.pickLink(selectionLink);
    if (link === undefined) return undefined;
    const notes = await vscode.window.showInputBox({ title: step(5), prompt: vscode.l10n.t('Notes (optional)'), ignoreFocusOut: true });
    if (notes === undefined) return undefined;
    const issue = link ? parseIssueLink(link, webHostFor(this.config.settings.apiUrl)) : undefined;
    const task = await this.tasks.add({
      title: title.trim(), assignee, due: due || null, ...(link ? { link } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(issue ? { repo: issue.repo, issueNumber: issue.number } : {}),
    });
    const delegated = task.due
      ? vscode.l10n.t('Lead Desk: delegated "{0}" to {1}, due {2}.', notificationSafe(task.title), notificationSafe(assignee), task.due)
      : vscode.l10n.t('Lead Desk: delegated "{0}" to {1}.', notificationSafe(task.title), notificationSafe(assignee));
    const WRITE_DUE_LINE = vscode.l10n.t('Write Due: Line');
    if (issue && task.due) {
      // GitHub has no due date per issue: the `Due:` line is how the team (and the tree) sees it.
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} Write "Due: {1}" into {2}\'s description?', delegated, task.due, notificationSafe(`${issue.repo}#${issue.number}`)), WRITE_DUE_LINE)
        .then((choice) => (choice === WRITE_DUE_LINE ? this.writeDueLine(issue, task.due!) : undefined));
    } else {
      void vscode.window.showInformationMessage(delegated);
    }
    return task;
  }

  private async writeDueLine(issue: { repo: string; number: number }, due: string): Promise<void> {
    const where = notificationSafe(`${issue.repo}#${issue.number}`);
    try {
      const written = await this.github.run((s) => s.writeDueLine(issue.repo, issue.number, due));
      if (written === undefined) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Lead Desk: sign in to GitHub to write the due date on {0}.', where));
        return;
      }
      void vscode.window.showInformationMessage(written ? vscode.l10n.t('Lead Desk: {0} now says "Due: {1}".', where, due) : vscode.l10n.t('Lead Desk: {0} already said "Due: {1}".', where, due));
      void vscode.commands.executeCommand(Commands.refresh);
    } catch (e) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Lead Desk: could not write the due date on {0}: {1}', where, describeForNotification(e)));
    }
  }

  private async pickAssignee(): Promise<string | undefined> {
    const team = assignableMembers(this.config.settings.teamMembers, this.config.settings.teamAgents);
    const items: vscode.QuickPickItem[] = team.map((login) => ({ label: login, description: vscode.l10n.t('team') }));
    // Collaborators of the first watched repo fill in when no team is configured.
    if (items.length === 0) {
      const repos = await this.repositories.resolve();
      const collaborators = repos[0] ? await this.github.run((s) => s.collaborators(repos[0])).catch(() => undefined) : undefined;
      for (const login of collaborators ?? []) items.push({ label: login, description: vscode.l10n.t('collaborator on {0}', repos[0]) });
    }
    const pick = vscode.window.createQuickPick();
    pick.title = step(2);
    pick.placeholder = vscode.l10n.t('Who takes it? Pick someone or type a name');
    pick.items = items;
    pick.ignoreFocusOut = true;
    return new Promise((resolve) => {
      pick.onDidChangeValue((v) => {
        const typed = v.trim();
        pick.items = typed && !items.some((i) => i.label === typed) ? [...items, { label: typed, description: vscode.l10n.t('someone else') }] : items;
      });
      pick.onDidAccept(() => {
        resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined));
        pick.hide();
      });
      pick.onDidHide(() => {
        resolve(undefined);
        pick.dispose();
      });
      pick.show();
    });
  }

  private async pickLink(selectionLink: string | undefined): Promise<string | undefined> {
    const items: (vscode.QuickPickItem & { value: string | null })[] = [
      { label: `$(circle-slash) ${vscode.l10n.t('No link')}`, value: '' },
      { label: `$(link) ${vscode.l10n.t('Issue or pull request URL…')}`, value: null },
    ];
    if (selectionLink) items.splice(1, 0, { label: `$(code) ${vscode.l10n.t('The selected code')}`, description: selectionLink, value: selectionLink });
    const pick = await vscode.window.showQuickPick(items, { title: step(4), placeHolder: vscode.l10n.t('Link it to something?'), ignoreFocusOut: true });
    if (!pick) return undefined;
    if (pick.value !== null) return pick.value;
    const host = webHostFor(this.config.settings.apiUrl);
    return vscode.window.showInputBox({
      title: step(4), prompt: vscode.l10n.t('An issue or pull request URL on {0}', host), ignoreFocusOut: true,
      validateInput: (v) => (parseIssueLink(v.trim(), host) ? undefined : vscode.l10n.t('Paste a https://{0}/OWNER/REPO/issues/N or …/pull/N URL', host)),
    }).then((v) => v?.trim());
  }

  /** The active selection as a permalink at HEAD, when the file is in a GitHub checkout. */
  private async selectionPermalink(): Promise<string | undefined> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty && editor.selections.length === 1 && editor.selection.start.line === 0 && editor.selection.end.line === 0) return undefined;
    const repo = await this.repositories.git.repositoryContaining(editor.document.uri);
    const commit = repo?.headCommit;
    if (!repo || !commit) return undefined;
    const host = webHostFor(this.config.settings.apiUrl);
    const remote = repo.remotes.map((r) => r.fetchUrl && repoFromRemote(r.fetchUrl, host)).find(Boolean);
    if (!remote) return undefined;
    const relative = vscode.workspace.asRelativePath(editor.document.uri, false);
    const sel = editor.selection;
    const endLine = sel.end.character === 0 && sel.end.line > sel.start.line ? sel.end.line : sel.end.line + 1;
    return permalink(webOriginFor(this.config.settings.apiUrl), remote, commit, relative, sel.start.line + 1, endLine);
  }
}

/** Today / Tomorrow / Friday / Next week / Pick a date… / No due date. '' = none; undefined = cancelled. */
export async function pickDueDate(title: string, now = Date.now()): Promise<string | undefined> {
  const items: (vscode.QuickPickItem & { value: string | null })[] = [
    ...quickDueChoices(now, vscode.env.language).map((c) => ({ label: c.label, description: c.date, value: c.date })),
    { label: vscode.l10n.t('Pick a date…'), value: null },
    { label: vscode.l10n.t('No due date'), value: '' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('When is it due?'), ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.value !== null) return pick.value;
  return vscode.window.showInputBox({
    title, prompt: vscode.l10n.t('Due date (YYYY-MM-DD)'), ignoreFocusOut: true, value: quickDueChoices(now, vscode.env.language)[0].date,
    validateInput: (v) => (isLocalDate(v.trim()) ? undefined : vscode.l10n.t('A date as YYYY-MM-DD')),
  }).then((v) => v?.trim());
}
