/**
 * What the Morning Review's buttons do: mark notifications read, and delegate, escalate or
 * schedule an incident. Every action names an item the panel currently shows; anything else is a
 * forged message and is refused. GitHub is changed first, then the shown data and the sidebar.
 */
import { severityRank } from '../core/triage';
import type { GitHubService } from '../github/api';
import type { LeadDeskSettings } from '../settings';
import type { NewTask } from '../store/taskStore';
import { mapLimited } from '../github/api';
import type { CommunicationData, IncidentItem, IncidentsData, ReasonGroup } from './protocol';
import { describeError, incidentItem } from './sections';
import type { ReviewWords } from './words';
import type { ReviewSession } from './session';
import { Settings, settingId } from '../ids';
import { assignableMembers } from '../core/teamLoad';

/** The GitHub calls the actions make. */
export type ActionsGitHub = Pick<GitHubService, 'markThreadRead' | 'setAssignees' | 'escalate'>;

export interface ActionContext {
  session(): ReviewSession | null;
  settings(): LeadDeskSettings;
  github<T>(fn: (service: ActionsGitHub) => Promise<T>): Promise<T | undefined>;
  addTask(task: NewTask): Promise<unknown>;
  /** After a GitHub change: refresh the inbox (`InboxService.refresh`). */
  refreshWork(): Promise<void>;
  /** After a local task change only. */
  reloadTasks(): Promise<void>;
  /** Counts and logs a message the panel will not act on. */
  refuse(reason: string): void;
  changed(): void;
  now(): number;
  /** The sentences, in VS Code's display language. */
  readonly words: ReviewWords;
}

/** Boxed, so an action that returns nothing is not mistaken for "signed out". */
async function onGitHub<T>(ctx: ActionContext, fn: (s: ActionsGitHub) => Promise<T>): Promise<T> {
  const result = await ctx.github(async (s) => ({ value: await fn(s) }));
  if (result === undefined) throw new Error(ctx.words.signedOut);
  return result.value;
}

export class ReviewActions {
  constructor(private readonly ctx: ActionContext) {}

  private communication(): CommunicationData | undefined {
    return this.ctx.session()?.data('communication');
  }

  private incident(repo: string, number: number): IncidentItem | undefined {
    const item = this.ctx.session()?.data('incidents')?.items.find((i) => i.repo === repo && i.number === number);
    if (!item) this.ctx.refuse(`an action on ${repo}#${number}, which the review does not show`);
    return item;
  }

  private note(section: 'communication' | 'incidents', text: string, error = false): void {
    this.ctx.session()?.setNotice(section, text, error);
    this.ctx.changed();
  }

  async markRead(threadIds: readonly string[], what: string): Promise<void> {
    const shown = new Set(this.communication()?.groups.flatMap((g) => g.items.map((i) => i.threadId)) ?? []);
    const ids = threadIds.filter((id) => shown.has(id));
    if (ids.length !== threadIds.length || ids.length === 0) {
      this.ctx.refuse('mark-read of a notification the review does not show');
      return;
    }
    const done = new Set<string>();
    let failure: unknown;
    await mapLimited(ids, 4, async (id) => {
      try {
        await onGitHub(this.ctx, (s) => s.markThreadRead(id));
        done.add(id);
      } catch (e) {
        failure ??= e;
      }
    });
    this.ctx.session()?.update('communication', (data) => {
      if (data.kind !== 'communication') return data;
      const groups = data.groups.map((g) => ({ ...g, items: g.items.filter((i) => !done.has(i.threadId)) })).filter((g) => g.items.length > 0);
      return { ...data, groups };
    });
    if (failure === undefined) this.note('communication', `Marked ${what} read.`);
    else this.note('communication', `Could not mark ${what} read: ${describeError(failure)}`, true);
  }

  async markGroupRead(reason: ReasonGroup): Promise<void> {
    const group = this.communication()?.groups.find((g) => g.reason === reason);
    if (!group) {
      this.ctx.refuse(`mark-read of the group "${reason}", which the review does not show`);
      return;
    }
    await this.markRead(group.items.map((i) => i.threadId), `${group.items.length} "${group.label}" notification${group.items.length === 1 ? '' : 's'}`);
  }

  async delegate(repo: string, number: number, assignee: string): Promise<void> {
    const item = this.incident(repo, number);
    if (!item || !this.isTeamMember(assignee)) return;
    try {
      await onGitHub(this.ctx, (s) => s.setAssignees(repo, number, [assignee]));
    } catch (e) {
      this.note('incidents', `Could not assign ${repo}#${number} to ${assignee}: ${describeError(e)}`, true);
      return;
    }
    await this.ctx.addTask(this.task(item, assignee, null));
    this.replace(item, { ...item, assignees: [assignee] });
    this.note('incidents', `Delegated ${repo}#${number} to ${assignee}.`);
    // The sidebar catches up in the background; the panel already shows the change.
    void this.ctx.refreshWork().catch(() => undefined);
  }

  async escalate(repo: string, number: number): Promise<void> {
    const item = this.incident(repo, number);
    if (!item) return;
    const to = item.escalateTo;
    if (to === null) {
      this.note('incidents', `${repo}#${number} is already at the top severity and escalated.`);
      return;
    }
    const settings = this.ctx.settings();
    const isSeverity = severityRank([to], settings.severityLabels) < settings.severityLabels.length;
    // The label to replace, as spelled on the issue (teams write `SEV2` and `sev2`).
    const from = isSeverity && item.severity !== null ? item.labels.find((l) => l.toLowerCase() === item.severity!.toLowerCase()) ?? null : null;
    try {
      await onGitHub(this.ctx, (s) => s.escalate(repo, number, from, to));
    } catch (e) {
      this.note('incidents', `Could not escalate ${repo}#${number}: ${describeError(e)}`, true);
      return;
    }
    const labels = [...item.labels.filter((l) => l !== from), to];
    this.replace(item, { ...incidentItem({ ...item, labels, createdAt: 0 }, settings, 0, this.ctx.words), age: item.age });
    this.note('incidents', `Escalated ${repo}#${number}: added "${to}"${from ? `, removed "${from}"` : ''}.`);
    // The sidebar catches up in the background; the panel already shows the change.
    void this.ctx.refreshWork().catch(() => undefined);
  }

  async schedule(repo: string, number: number, assignee: string, due: string): Promise<void> {
    const item = this.incident(repo, number);
    if (!item || !this.isTeamMember(assignee)) return;
    const choices = this.ctx.session()?.data('incidents')?.dueChoices ?? [];
    if (!choices.some((c) => c.date === due)) {
      this.ctx.refuse(`a due date (${due}) the review did not offer`);
      return;
    }
    await this.ctx.addTask(this.task(item, assignee, due));
    this.note('incidents', `Scheduled ${repo}#${number} for ${assignee}, due ${due}.`);
    await this.ctx.reloadTasks();
  }

  private isTeamMember(login: string): boolean {
    const { teamMembers, teamAgents } = this.ctx.settings();
    const ok = assignableMembers(teamMembers, teamAgents).some((m) => m.toLowerCase() === login.toLowerCase());
    if (!ok) this.ctx.refuse(`an assignee (${login}) who is not in ${settingId(Settings.teamMembers)}`);
    return ok;
  }

  private task(item: IncidentItem, assignee: string, due: string | null): NewTask {
    return {
      title: `${item.repo}#${item.number}: ${item.title}`.slice(0, 300), assignee, due,
      ...(item.url ? { link: item.url } : {}), repo: item.repo, issueNumber: item.number,
    };
  }

  /** Swaps the item and keeps the list in severity order (stable, so age order holds within a severity). */
  private replace(old: IncidentItem, next: IncidentItem): void {
    const labels = this.ctx.settings().severityLabels;
    this.ctx.session()?.update('incidents', (data) => {
      if (data.kind !== 'incidents') return data;
      const items = data.items.map((i) => (i === old ? next : i));
      const rank = (i: IncidentItem) => severityRank(i.labels, labels);
      return { ...data, items: items.map((i, at) => ({ i, at })).sort((a, b) => rank(a.i) - rank(b.i) || a.at - b.at).map(({ i }) => i) } satisfies IncidentsData;
    });
  }
}
