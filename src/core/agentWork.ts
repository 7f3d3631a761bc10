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

/** Whom a nudge may address: never a bot nor a named agent (they do not read mentions). */
export const nudgeablePeople = (who: readonly { readonly login: string; readonly bot?: boolean }[], agents: readonly string[] = []): string[] =>
  who.filter((w) => !isBotOrAgent(w.login, agents, w.bot === true)).map((w) => w.login);
