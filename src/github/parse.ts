/**
 * Defensive readers for GitHub JSON. Everything from GitHub is untrusted: a field can be null,
 * missing or of the wrong type (GitHub's own outages, proxies, the fake's fault injection).
 * A body that lacks what a query cannot do without raises `malformed`; optional fields default.
 */
import { isAllowedLink } from '../webview/links';
import { GitHubFailure } from './failure';

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
