/**
 * "Prepare Standup Notes": the lead's previous working day and today's plan as Markdown, ready
 * to paste. Pure — the feature gathers the data, this shapes it — so the document is unit tested
 * for a fixed clock.
 */
import { subDays } from 'date-fns';
import { agentCountsText, issueKey, type AgentPullLine } from './agentWork';
import { displayDates, type DisplayDates } from './displayDates';
import { parseLocalDate, startOfNextLocalDay, toLocalDate } from './localDate';
import { escapeMarkdown, markdownLink } from './markdown';
import type { Mode, TimeEntry } from './timeEntry';
import { meetingTime } from './calendarTime';
import { dailyTotals, formatDuration, spansWithin, type MeetingCredit } from './timeline';

/** A PR or issue line. */
export interface ItemLine {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  /** Who opened it, when it is not the lead: written as the bare login, so pasting pings no one. */
  readonly author?: string;
  /** A short note after the title ("waiting 2d 3h", "due 2026-11-20"). */
  readonly detail?: string;
}

/** A delegated item (local task or GitHub issue) that moved. */
export interface MovedItem {
  readonly title: string;
  readonly assignee: string;
  readonly url?: string;
  readonly detail?: string;
}

export interface StandupInput {
  readonly now: number;
  /** The previous working day, `yyyy-MM-dd`. */
  readonly day: string;
  /** Entries overlapping that day (clipped to it when totalled). */
  readonly entries: readonly TimeEntry[];
  /** The connected calendars' meetings that day, counted as managerial (absent: no calendar). */
  readonly meetings?: MeetingCredit;
  readonly technicalTarget: number;
  /** Null when GitHub was not asked (signed out, Restricted Mode): `githubNotice` says why. */
  readonly activity: {
    readonly reviewed: readonly ItemLine[];
    readonly merged: readonly ItemLine[];
    readonly opened: readonly ItemLine[];
    readonly incidentsOpened: readonly ItemLine[];
    readonly incidentsClosed: readonly ItemLine[];
  } | null;
  readonly githubNotice: string | null;
  /** Reviews waiting on the lead now (from the sidebar); an agent's among them is counted under `agentPulls` instead. */
  readonly waiting: readonly ItemLine[];
  /** Coding agents' open PRs (`agentPullLines`): counted apart from the teammates' work. */
  readonly agentPulls?: readonly AgentPullLine[];
  readonly delegated: { readonly done: readonly MovedItem[]; readonly overdue: readonly MovedItem[]; readonly reassigned: readonly MovedItem[] };
  /** From today's Morning Review, or null when there was none today. */
  readonly plan: { readonly finishedAt: number; readonly targetPercent: number | null; readonly notes: readonly { readonly section: string; readonly text: string }[] } | null;
  /** The timer's mode now, for the plan line. */
  readonly running: Mode | null;
}

function itemLine(i: ItemLine): string {
  const ref = markdownLink(`${i.repo}#${i.number}`, i.url);
  const by = i.author ? ` — by ${escapeMarkdown(i.author)}` : '';
  return `- ${ref} ${escapeMarkdown(i.title)}${by}${i.detail ? ` (${escapeMarkdown(i.detail)})` : ''}`;
}

function movedLine(m: MovedItem): string {
  const title = m.url ? markdownLink(m.title, m.url) : escapeMarkdown(m.title);
  return `- ${title} — ${escapeMarkdown(m.assignee)}${m.detail ? ` (${escapeMarkdown(m.detail)})` : ''}`;
}

function agentLine(a: AgentPullLine): string {
  return `- ${markdownLink(`${a.repo}#${a.number}`, a.url)} ${escapeMarkdown(a.title)} — ${escapeMarkdown(a.agent)} (${a.ready ? 'ready for review' : 'draft'})`;
}

function list<T>(heading: string, items: readonly T[], line: (t: T) => string): string[] {
  return [`**${heading}**`, '', ...(items.length ? items.map(line) : ['- none']), ''];
}

/** `Friday, November 20`, in the display language. */
function dayName(day: string, dates: DisplayDates): string {
  return dates.weekdayDate(parseLocalDate(day));
}

/** `locale`: VS Code's display language, for the dates and times. */
export function standupMarkdown(input: StandupInput, locale: string): string {
  const { now, day } = input;
  const dates = displayDates(locale);
  const isYesterday = day === toLocalDate(subDays(now, 1));
  const out: string[] = [`# Standup — ${dates.weekdayDateYear(now)}`, ''];

  out.push(`## ${isYesterday ? 'Yesterday' : 'Last working day'}: ${dayName(day, dates)}`, '');
  const totals = dailyTotals(input.entries, { first: day, last: day }, now, input.meetings)[0]!;
  const tracked = totals.technical + totals.managerial;
  out.push(tracked === 0
    ? '- No time tracked.'
    : `- Technical ${formatDuration(totals.technical)} · Managerial ${formatDuration(totals.managerial)} — ${Math.round((totals.technical * 100) / tracked)}% technical (target ${input.technicalTarget}%)`);
  const dayStart = parseLocalDate(day).getTime();
  const dayEnd = startOfNextLocalDay(dayStart).getTime();
  // Time and count only: titles stay on the lead's machine, and these notes are pasted elsewhere.
  const met = meetingTime(spansWithin(input.meetings, dayStart, dayEnd, now), dayStart, dayEnd);
  if (met.meetings > 0) out.push(`- ${formatDuration(met.ms)} in ${met.meetings === 1 ? '1 meeting' : `${met.meetings} meetings`}`);
  const noted = input.entries
    .filter((e) => e.note?.trim() && e.start < dayEnd && (e.end ?? now) > dayStart)
    .sort((a, b) => a.start - b.start);
  for (const e of noted) {
    const end = e.end === null ? 'now' : dates.time(e.end);
    out.push(`- ${dates.time(e.start)}–${end} ${e.mode}: ${escapeMarkdown(e.note!)}`);
  }
  out.push('');

  out.push('## Pull requests', '');
  if (input.activity) {
    out.push(...list('Reviewed', input.activity.reviewed, itemLine));
    out.push(...list('Merged', input.activity.merged, itemLine));
    out.push(...list('Opened', input.activity.opened, itemLine));
  } else {
    out.push(`_${escapeMarkdown(input.githubNotice ?? 'GitHub was not reached.')}_`, '');
  }
  // An agent's PR is the agents' work, never a teammate's: it is counted under Delegated work.
  const agents = input.agentPulls ?? [];
  const agentKeys = new Set(agents.map((a) => issueKey(a.repo, a.number)));
  const waiting = input.waiting.filter((w) => !agentKeys.has(issueKey(w.repo, w.number)));
  out.push(...list(`Waiting on my review (${waiting.length})`, waiting, itemLine));

  out.push('## Delegated work', '');
  if (agents.length > 0) out.push(...list(agentCountsText(agents), agents, agentLine));
  out.push(...list('Done', input.delegated.done, movedLine));
  out.push(...list('Overdue', input.delegated.overdue, movedLine));
  out.push(...list('Reassigned', input.delegated.reassigned, movedLine));

  out.push('## Incidents', '');
  if (input.activity) {
    out.push(...list('Opened', input.activity.incidentsOpened, itemLine));
    out.push(...list('Closed', input.activity.incidentsClosed, itemLine));
  } else {
    out.push(`_${escapeMarkdown(input.githubNotice ?? 'GitHub was not reached.')}_`, '');
  }

  out.push('## Today', '');
  if (input.plan) {
    const target = input.plan.targetPercent === null ? '' : `: ${input.plan.targetPercent}% technical`;
    out.push(`- Plan from the Morning Review at ${dates.time(input.plan.finishedAt)}${target}`);
    for (const n of input.plan.notes) out.push(`- ${escapeMarkdown(n.section)}: ${escapeMarkdown(n.text)}`);
  } else {
    out.push('- No Morning Review yet today.');
  }
  if (input.running) out.push(`- Timer running: ${input.running}`);
  out.push('');
  return out.join('\n');
}
