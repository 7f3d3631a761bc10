/**
 * Coding agents' pull requests as delegated work: a PR whose author is a bot and which closes an
 * issue the lead delegated, or whose author is an agent the lead named (the `teamAgents` setting).
 * A draft is the agent still working (Delegated work, the agent as assignee); marked ready, it
 * needs the lead's review. Pure: no `vscode`, no GitHub client.
 */
import { botKey, isBotOrAgent } from './aiReviews';

/** An issue a PR closes (`closingIssuesReferences`). */
export interface LinkedIssue {
  readonly repo: string;
  readonly number: number;
  /** Who opened it: the delegated issues are those the lead opened and assigned to someone else. */
  readonly author: string;
  readonly assignees: readonly string[];
}

export interface AgentPullFacts {
  readonly repo: string;
  readonly number: number;
  readonly author: string;
  /** GitHub says the author is a `Bot` (`author { __typename }`). */
  readonly authorIsBot: boolean;
  readonly draft: boolean;
  readonly linkedIssues: readonly LinkedIssue[];
}

export interface AgentContext {
  /** The lead's login. */
  readonly me: string;
  /** The `teamAgents` setting. */
  readonly agents: readonly string[];
  /** `owner/repo#n` of the issues the lead delegated (the sidebar's delegated list), lower case. */
  readonly delegatedIssues?: ReadonlySet<string>;
}

export const issueKey = (repo: string, number: number): string => `${repo.toLowerCase()}#${number}`;

/** An issue the lead assigned: opened by the lead and assigned to someone else, or in the lead's delegated list. */
function leadAssigned(issue: LinkedIssue, ctx: AgentContext): boolean {
  const me = ctx.me.toLowerCase();
  if (ctx.delegatedIssues?.has(issueKey(issue.repo, issue.number))) return true;
  return issue.author.toLowerCase() === me && issue.assignees.some((a) => a.toLowerCase() !== me);
}

/** A named agent, or a bot working on an issue the lead handed out. */
export function isAgentPull(pr: AgentPullFacts, ctx: AgentContext): boolean {
  if (ctx.agents.some((a) => botKey(a) === botKey(pr.author))) return true;
  return pr.authorIsBot && pr.linkedIssues.some((i) => leadAssigned(i, ctx));
}

/** Where an agent's PR goes: a draft is the agent working; ready, it is the lead's to review. */
export type AgentWorkState = 'delegated' | 'needs-your-review';

export const agentWorkState = (pr: Pick<AgentPullFacts, 'draft'>): AgentWorkState => (pr.draft ? 'delegated' : 'needs-your-review');

/** The agent's PR as a delegated item: the agent is its assignee (without REST's `[bot]`). */
export interface AgentWork {
  readonly repo: string;
  readonly number: number;
  readonly agent: string;
  readonly state: AgentWorkState;
  /** The issues it closes, `owner/repo#n`. */
  readonly closes: readonly string[];
}

/** The lead's agent PRs among `prs`, classified; other PRs are left out. */
export function agentWork(prs: readonly AgentPullFacts[], ctx: AgentContext): AgentWork[] {
  return prs.filter((p) => isAgentPull(p, ctx)).map((p) => ({
    repo: p.repo, number: p.number, agent: p.author.replace(/\[bot\]$/i, ''), state: agentWorkState(p),
    closes: p.linkedIssues.map((i) => `${i.repo}#${i.number}`),
  }));
}

/** A delegated issue with the open PRs that close it (the sidebar's `agentPulls`). */
export interface IssueWithPulls<P extends AgentPullFacts = AgentPullFacts> {
  readonly repo: string;
  readonly number: number;
  readonly agentPulls?: readonly P[];
}

type PullOf<I extends IssueWithPulls> = NonNullable<I['agentPulls']>[number];

/**
 * The agents' PRs on the delegated `issues`, once each (a PR that closes two of them is found on
 * the first), with the issue it was found on, classified (`agentWork`).
 */
export function agentPullsOnIssues<I extends IssueWithPulls>(issues: readonly I[], agents: readonly string[]): { readonly issue: I; readonly pull: PullOf<I>; readonly work: AgentWork }[] {
  const delegated = new Set(issues.map((i) => issueKey(i.repo, i.number)));
  const seen = new Set<string>();
  const found: { issue: I; pull: PullOf<I>; work: AgentWork }[] = [];
  for (const issue of issues) {
    const pulls = ((issue.agentPulls ?? []) as readonly PullOf<I>[]).filter((p) => !seen.has(issueKey(p.repo, p.number)));
    for (const work of agentWork(pulls, { me: '', agents, delegatedIssues: delegated })) {
      const key = issueKey(work.repo, work.number);
      seen.add(key);
      found.push({ issue, pull: pulls.find((p) => issueKey(p.repo, p.number) === key)!, work });
    }
  }
  return found;
}

/** One open PR of a coding agent, as the standup notes and the 1:1 panel count it. */
export interface AgentPullLine {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  /** The agent (without REST's `[bot]`). */
  readonly agent: string;
  /** Marked ready: the lead's to review; else a draft, the agent still working. */
  readonly ready: boolean;
}

/** A PR waiting on the lead, as `agentPullLines` reads it. */
interface WaitingPull {
  readonly repo: string;
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly author: string;
  readonly draft: boolean;
}

/**
 * The agents' open PRs, once each: those on the delegated issues (a bot's or a named agent's),
 * then the PRs of agents named in `agents` that ask the lead's review without a delegated issue.
 * Never a teammate's: the standup and the 1:1 panel count these apart.
 */
export function agentPullLines<P extends AgentPullFacts & { readonly title: string; readonly url: string }>(
  issues: readonly IssueWithPulls<P>[], reviews: readonly WaitingPull[], agents: readonly string[],
): AgentPullLine[] {
  const lines: AgentPullLine[] = agentPullsOnIssues(issues, agents).map(({ pull, work }) => ({
    repo: pull.repo, number: pull.number, title: pull.title, url: pull.url, agent: work.agent, ready: work.state === 'needs-your-review',
  }));
  const seen = new Set(lines.map((l) => issueKey(l.repo, l.number)));
  for (const r of reviews) {
    if (seen.has(issueKey(r.repo, r.number)) || !agents.some((a) => botKey(a) === botKey(r.author))) continue;
    seen.add(issueKey(r.repo, r.number));
    lines.push({ repo: r.repo, number: r.number, title: r.title, url: r.url, agent: r.author.replace(/\[bot\]$/i, ''), ready: !r.draft });
  }
  return lines;
}

/** "Agents: 2 PRs open, 1 ready for review": every open agent PR, and those marked ready among them. */
export function agentCountsText(lines: readonly Pick<AgentPullLine, 'ready'>[]): string {
  const ready = lines.filter((l) => l.ready).length;
  return `Agents: ${lines.length} ${lines.length === 1 ? 'PR' : 'PRs'} open, ${ready} ready for review`;
}

/** Whom a nudge may address: never a bot nor a named agent (they do not read mentions). */
export const nudgeablePeople = (who: readonly { readonly login: string; readonly bot?: boolean }[], agents: readonly string[] = []): string[] =>
  who.filter((w) => !isBotOrAgent(w.login, agents, w.bot === true)).map((w) => w.login);
