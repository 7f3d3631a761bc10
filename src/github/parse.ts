/**
 * Defensive readers for GitHub JSON. Everything from GitHub is untrusted: a field can be null,
 * missing or of the wrong type (GitHub's own outages, proxies, the fake's fault injection).
 * A body that lacks what a query cannot do without raises `malformed`; optional fields default.
 */
import { isAllowedLink } from '../webview/links';
import { GitHubFailure } from './transport/failure';
import type { RateLimitReading } from './graphqlTypes';

export type Json = Record<string, unknown>;

export function object(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new GitHubFailure('malformed', `${what} is not an object`);
  return v as Json;
}

export function array(v: unknown, what: string): unknown[] {
  if (!Array.isArray(v)) throw new GitHubFailure('malformed', `${what} is not a list`);
  return v;
}

export function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}

export function num(v: unknown, fallback = 0): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fallback;
}

export function requiredNum(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new GitHubFailure('malformed', `${what} is missing`);
  return v;
}

export function time(v: unknown, fallback = 0): number {
  const t = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(t) ? fallback : t;
}

export function login(user: unknown): string {
  return typeof user === 'object' && user !== null ? str((user as Json).login, 'ghost') : 'ghost';
}

export function labelNames(labels: unknown): string[] {
  if (!Array.isArray(labels)) return [];
  return labels.map((l) => (typeof l === 'string' ? l : str((l as Json | null)?.name))).filter(Boolean);
}

/** `owner/name` from an API URL like `…/repos/owner/name` (search items carry only that). */
export function repoFromUrl(url: unknown): string {
  const m = /\/repos\/([^/]+\/[^/]+)$/.exec(str(url));
  return m ? m[1] : '';
}

/** Only links the panels and the tree may open (http(s) on the expected host) are kept; anything else becomes ''. */
export function safeUrl(v: unknown, allowedHost: string): string {
  return isAllowedLink(v, allowedHost) ? new URL(v).toString() : '';
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One log line per response that had something skipped: enough to notice, never a flood. */
export function logSkipped(what: string, counts: Record<string, number>): void {
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([why, n]) => `${n} ${why}`);
  if (parts.length) console.warn(`[lead-desk] ${what}: skipped ${parts.join(', ')}`);
}

/**
 * The elements of a list that are objects. One `null` in a PR timeline (or in a search page)
 * must cost that element, not the whole refresh; the rest are dropped with one log line.
 */
export function objects(v: unknown, what: string): Json[] {
  const list = array(v, what);
  const kept = list.filter(isObject);
  logSkipped(what, { 'malformed (not an object)': list.length - kept.length });
  return kept;
}

/** A search answer: its items (read by `searchResults`), GitHub's total, and whether GitHub said it was incomplete. */
export interface SearchPage {
  readonly items: Json[];
  readonly total: number;
  readonly incomplete: boolean;
}

/**
 * Search results that name an issue or PR (`repository_url` and `number`), each once. GitHub's
 * search pages can repeat an item when the index shifts between pages, and a tree cannot hold
 * two nodes with one id: the first occurrence is kept, by repo (case-insensitive) and number.
 */
export function searchResults(v: unknown, what: string): Json[] {
  const list = array(v, what);
  const seen = new Set<string>();
  const out: Json[] = [];
  let malformed = 0;
  let duplicate = 0;
  for (const item of list) {
    const repo = isObject(item) ? repoFromUrl(item.repository_url) : '';
    if (!isObject(item) || !repo || typeof item.number !== 'number' || !Number.isInteger(item.number)) {
      malformed++;
      continue;
    }
    const key = `${repo.toLowerCase()}#${item.number}`;
    if (seen.has(key)) {
      duplicate++;
      continue;
    }
    seen.add(key);
    out.push(item);
  }
  logSkipped(what, { malformed, duplicate });
  return out;
}

/** The `rateLimit { cost remaining limit resetAt }` a query asked for beside its data (sidebar, team load). */
export function readRateLimit(data: Json): RateLimitReading | null {
  const r = data.rateLimit;
  if (typeof r !== 'object' || r === null) return null;
  const x = r as Json;
  return { cost: num(x.cost), remaining: num(x.remaining), limit: num(x.limit), resetAt: time(x.resetAt) };
}
