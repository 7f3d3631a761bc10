/**
 * "Prepare 1:1 with…": what the lead and one teammate have between them, from data Lead Desk
 * already holds (the sidebar's snapshot, the task store, the 1:1 notes). Pure, unit tested.
 */
import { agentCountsText, agentPullLines, type AgentPullFacts } from './agentWork';
import { isOverdue } from './dueDates';
import type { PendingReview } from './reviews';
import { formatDuration } from './timeline';

export interface OneOnOneLine {
  readonly id: string;
  readonly title: string;
  /** http(s) on the GitHub host, or ''. */
  readonly url: string;
  readonly detail: string;
  readonly overdue?: boolean;
}

export interface OneOnOneSources {
  readonly login: string;
  readonly now: number;
  readonly tasks: readonly { id: string; title: string; assignee: string; due: string | null; link?: string; doneAt?: number; createdAt: number }[];
  readonly delegatedIssues: readonly {
    repo: string; number: number; title: string; url: string; assignees: readonly string[]; due: string | null; isPullRequest: boolean;
    /** The open PRs that close it (a coding agent's among them). */
    agentPulls?: readonly (AgentPullFacts & { readonly title: string; readonly url: string })[];
  }[];
  readonly reviews: readonly PendingReview[];
  readonly ownPullRequests: readonly { repo: string; number: number; title: string; url: string; createdAt: number; waitingOn: readonly string[] }[];
  readonly nudges: readonly { at: number; repo: string; number: number; url: string }[];
  /** The `teamAgents` setting. */
  readonly agents?: readonly string[];
}

export interface OneOnOneItems {
  readonly delegated: OneOnOneLine[];
  readonly waitingOnLead: OneOnOneLine[];
  readonly leadWaitsOn: OneOnOneLine[];
  readonly nudges: OneOnOneLine[];
  /** Coding agents' open PRs on the issues delegated to them: the agents' work, not counted as theirs. */
  readonly agentWork: OneOnOneLine[];
  /** "Agents: 2 PRs open, 1 ready for review", or null when no agent works on their issues. */
  readonly agentCounts: string | null;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function oneOnOneItems(src: OneOnOneSources): OneOnOneItems {
  const { login, now } = src;
  const dueText = (due: string | null) => (due ? `${isOverdue(due, now) ? 'overdue, was due' : 'due'} ${due}` : 'no due date');
  const theirIssues = src.delegatedIssues.filter((i) => i.assignees.some((a) => same(a, login)));
  const delegated: OneOnOneLine[] = [
    ...src.tasks.filter((t) => !t.doneAt && same(t.assignee, login)).map((t) => ({
      id: `task:${t.id}`, title: t.title, url: t.link ?? '', detail: `task · ${dueText(t.due)}`, overdue: isOverdue(t.due, now),
    })),
    ...theirIssues.map((i) => ({
      id: `issue:${i.repo}#${i.number}`, title: `${i.repo}#${i.number} ${i.title}`, url: i.url,
      detail: `${i.isPullRequest ? 'pull request' : 'issue'} · ${dueText(i.due)}`, overdue: isOverdue(i.due, now),
    })),
  ].sort((a, b) => Number(b.overdue) - Number(a.overdue));
  const waitingOnLead = src.reviews.filter((r) => same(r.author, login)).sort((a, b) => a.requestedAt - b.requestedAt).map((r) => ({
    id: `pr:${r.repo}#${r.number}`, title: `${r.repo}#${r.number} ${r.title}`, url: r.url,
    detail: `waiting on your review for ${formatDuration(Math.max(0, now - r.requestedAt))}${r.draft ? ' · draft' : ''}`,
  }));
  const leadWaitsOn = src.ownPullRequests.filter((p) => p.waitingOn.some((w) => same(w, login))).map((p) => ({
    id: `own:${p.repo}#${p.number}`, title: `${p.repo}#${p.number} ${p.title}`, url: p.url,
    detail: `your PR, open for ${formatDuration(Math.max(0, now - p.createdAt))}`,
  }));
  const nudges = [...src.nudges].sort((a, b) => b.at - a.at).map((n) => ({
    id: `nudge:${n.at}:${n.repo}#${n.number}`, title: `${n.repo}#${n.number}`, url: n.url,
    detail: `follow-up sent ${formatDuration(Math.max(0, now - n.at))} ago`,
  }));
  const agents = agentPullLines(theirIssues, [], src.agents ?? []);
  const agentWork = agents.map((a) => ({
    id: `agent:${a.repo}#${a.number}`, title: `${a.repo}#${a.number} ${a.title}`, url: a.url, detail: `by the agent ${a.agent} · ${a.ready ? 'ready for review' : 'draft'}`,
  }));
  return { delegated, waitingOnLead, leadWaitsOn, nudges, agentWork, agentCounts: agents.length > 0 ? agentCountsText(agents) : null };
}

/**
 * The longest notes of one 1:1 a save takes. Texts kept together after a conflict may pass the
 * 20,000 characters one can type, so the limit leaves room for them.
 */
export const MAX_NOTES_LENGTH = 100_000;

/** The line put between two texts of one day's notes that were written at the same time. */
export const OTHER_NOTES_MARKER = '──── Saved meanwhile in another window (both texts are kept) ────';

/**
 * One day's notes when two texts were written from the same base (two windows, or a record set
 * aside as unreadable): `mine`, then the marker, then `theirs`. Nothing is dropped; a text
 * already holding the other (a repeated merge) is not repeated.
 */
export function keepBothNotes(mine: string, theirs: string): string {
  if (mine === theirs || mine.includes(theirs)) return mine;
  if (theirs.includes(mine)) return theirs;
  return `${mine.trimEnd()}\n\n${OTHER_NOTES_MARKER}\n${theirs}`;
}

/** What the notes editor holds: the stored text its text was written from, its text, and whether the lead typed since the last save was sent. */
export interface NotesEditorState {
  readonly base: string;
  readonly text: string;
  readonly typed: boolean;
}

/**
 * The notes editor after the answer to its save (`stored`: the day's notes as stored now). A
 * saved text makes `stored` the new base; a failed save keeps the old base, so the next save
 * still meets (and keeps) what another window saved meanwhile, and keeps the text as typed: it
 * is stored nowhere else. `saveAgain`: typed meanwhile, so save again on the new base.
 */
export function notesAfterSaveAnswer(
  state: NotesEditorState, answer: { readonly failed: boolean; readonly theirs: string | null }, stored: string,
): NotesEditorState & { readonly saveAgain: boolean } {
  if (answer.failed) return { ...state, typed: true, saveAgain: false };
  // Nothing typed since: what is stored holds the saved text (or a later text built on it).
  const text = !state.typed ? stored : answer.theirs !== null ? keepBothNotes(state.text, answer.theirs) : state.text;
  return { base: stored, text, typed: state.typed, saveAgain: state.typed };
}
