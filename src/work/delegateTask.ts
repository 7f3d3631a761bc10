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
import type { GitHubConnection } from '../github/connection';
import { webHostFor, webOriginFor } from '../github/connection';
import type { DelegatedTask, TaskRepository } from './taskRepository';
import { parseIssueLink, permalink } from './permalink';
import { repoFromRemote, type WatchedRepositories } from './watchedRepositories';

const TITLE = 'Lead Desk: Delegate Task';
const WRITE_DUE_LINE = 'Write Due: Line';

export class DelegateTaskFlow {
  constructor(
    private readonly config: Config,
    private readonly tasks: TaskRepository,
    private readonly github: GitHubConnection,
    private readonly repositories: WatchedRepositories,
  ) {}

  /** `prefill` comes from another feature (a red build): the title to start from and the link to keep. */
  async run(prefill: { readonly title?: string; readonly link?: string } = {}): Promise<DelegatedTask | undefined> {
    const selectionLink = prefill.link === undefined ? this.selectionPermalink() : undefined;
    const title = await vscode.window.showInputBox({
      title: `${TITLE} (1/5)`, prompt: 'What needs doing?', ignoreFocusOut: true, value: prefill.title ?? '',
      validateInput: (v) => (v.trim() ? (v.length > 300 ? 'Keep the title under 300 characters' : undefined) : 'A title is needed'),
    });
    if (!title) return undefined;
    const assignee = await this.pickAssignee();
    if (!assignee) return undefined;
    const due = await pickDueDate(`${TITLE} (3/5)`);
    if (due === undefined) return undefined;
    const link = prefill.link ?? await this.pickLink(selectionLink);
    if (link === undefined) return undefined;
    const notes = await vscode.window.showInputBox({ title: `${TITLE} (5/5)`, prompt: 'Notes (optional)', ignoreFocusOut: true });
    if (notes === undefined) return undefined;
    const issue = link ? parseIssueLink(link, webHostFor(this.config.settings.apiUrl)) : undefined;
    const task = await this.tasks.add({
      title: title.trim(), assignee, due: due || null, ...(link ? { link } : {}), ...(notes.trim() ? { notes: notes.trim() } : {}),
      ...(issue ? { repo: issue.repo, issueNumber: issue.number } : {}),
    });
    const delegated = `Lead Desk: delegated "${notificationSafe(task.title)}" to ${notificationSafe(assignee)}${task.due ? `, due ${task.due}` : ''}.`;
    if (issue && task.due) {
      // GitHub has no due date per issue: the `Due:` line is how the team (and the tree) sees it.
      void vscode.window.showInformationMessage(`${delegated} Write "Due: ${task.due}" into ${notificationSafe(`${issue.repo}#${issue.number}`)}'s description?`, WRITE_DUE_LINE)
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
        void vscode.window.showWarningMessage(`Lead Desk: sign in to GitHub to write the due date on ${where}.`);
        return;
      }
      void vscode.window.showInformationMessage(`Lead Desk: ${where} ${written ? 'now says' : 'already said'} "Due: ${due}".`);
      void vscode.commands.executeCommand(Commands.refresh);
    } catch (e) {
      void vscode.window.showErrorMessage(`Lead Desk: could not write the due date on ${where}: ${describeForNotification(e)}`);
    }
  }

  private async pickAssignee(): Promise<string | undefined> {
    const team = this.config.settings.teamMembers;
    const items: vscode.QuickPickItem[] = team.map((login) => ({ label: login, description: 'team' }));
    // Collaborators of the first watched repo fill in when no team is configured.
    if (items.length === 0) {
      const repos = await this.repositories.resolve();
      const collaborators = repos[0] ? await this.github.run((s) => s.collaborators(repos[0])).catch(() => undefined) : undefined;
      for (const login of collaborators ?? []) items.push({ label: login, description: `collaborator on ${repos[0]}` });
    }
    const pick = vscode.window.createQuickPick();
    pick.title = `${TITLE} (2/5)`;
    pick.placeholder = 'Who takes it? Pick someone or type a name';
    pick.items = items;
    pick.ignoreFocusOut = true;
    return new Promise((resolve) => {
      pick.onDidChangeValue((v) => {
        const typed = v.trim();
        pick.items = typed && !items.some((i) => i.label === typed) ? [...items, { label: typed, description: 'someone else' }] : items;
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
      { label: '$(circle-slash) No link', value: '' },
      { label: '$(link) Issue or pull request URL…', value: null },
    ];
    if (selectionLink) items.splice(1, 0, { label: '$(code) The selected code', description: selectionLink, value: selectionLink });
    const pick = await vscode.window.showQuickPick(items, { title: `${TITLE} (4/5)`, placeHolder: 'Link it to something?', ignoreFocusOut: true });
    if (!pick) return undefined;
    if (pick.value !== null) return pick.value;
    const host = webHostFor(this.config.settings.apiUrl);
    return vscode.window.showInputBox({
      title: `${TITLE} (4/5)`, prompt: `An issue or pull request URL on ${host}`, ignoreFocusOut: true,
      validateInput: (v) => (parseIssueLink(v.trim(), host) ? undefined : `Paste a https://${host}/OWNER/REPO/issues/N or …/pull/N URL`),
    }).then((v) => v?.trim());
  }

  /** The active selection as a permalink at HEAD, when the file is in a GitHub checkout. */
  private selectionPermalink(): string | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.selection.isEmpty && editor.selections.length === 1 && editor.selection.start.line === 0 && editor.selection.end.line === 0) return undefined;
    const repo = this.repositories.gitRepositoryFor(editor.document.uri);
    const commit = repo?.state.HEAD?.commit;
    if (!repo || !commit) return undefined;
    const host = webHostFor(this.config.settings.apiUrl);
    const remote = repo.state.remotes.map((r) => r.fetchUrl && repoFromRemote(r.fetchUrl, host)).find(Boolean);
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
    ...quickDueChoices(now).map((c) => ({ label: c.label, description: c.date, value: c.date })),
    { label: 'Pick a date…', value: null },
    { label: 'No due date', value: '' },
  ];
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: 'When is it due?', ignoreFocusOut: true });
  if (!pick) return undefined;
  if (pick.value !== null) return pick.value;
  return vscode.window.showInputBox({
    title, prompt: 'Due date (YYYY-MM-DD)', ignoreFocusOut: true, value: quickDueChoices(now)[0].date,
    validateInput: (v) => (isLocalDate(v.trim()) ? undefined : 'A date as YYYY-MM-DD'),
  }).then((v) => v?.trim());
}
