/**
 * Which credential Lead Desk may use for an API origin, and with which scopes. Pure (no
 * `vscode`), so the rules that keep a token on its own server are unit tested.
 */
import { SecretKeys } from '../../ids';
import { apiOrigin } from '../../settings';

/** Scopes for everything Lead Desk reads; `user` is asked only when the heads-down status is on. */
export const BASE_SCOPES: readonly string[] = ['repo', 'read:org', 'notifications'];
export const STATUS_SCOPES: readonly string[] = [...BASE_SCOPES, 'user'];

/** The one API origin VS Code's own GitHub sign-in is good for. */
export const GITHUB_COM_API = 'https://api.github.com';

/** Where a token for this API is kept in SecretStorage: by origin (scheme, host and port). */
export const secretKeyFor = (apiUrl: string): string => `${SecretKeys.tokenPrefix}${apiOrigin(apiUrl)}`;

/**
 * Before tokens were keyed by origin they were keyed by host. Such a token may move to the https
 * origin of that host; a plain-http origin never inherits one.
 */
export function legacySecretKeyFor(apiUrl: string): string | undefined {
  const url = new URL(apiUrl);
  return url.protocol === 'https:' ? `${SecretKeys.tokenPrefix}${url.host}` : undefined;
}

/** VS Code's GitHub account serves exactly https://api.github.com, and not after Sign Out. */
export function mayUseVsCodeSession(apiUrl: string, signedOut: boolean): boolean {
  return apiUrl === GITHUB_COM_API && !signedOut;
}

/** The scopes the enabled features need. */
export function scopesFor(settings: { readonly githubStatus: boolean }): readonly string[] {
  return settings.githubStatus ? STATUS_SCOPES : BASE_SCOPES;
}

/** The web host matching an API URL: api.github.com → github.com, https://HOST/api/v3 → HOST. */
export function webHostFor(apiUrl: string): string {
  const host = new URL(apiUrl).host;
  return host === 'api.github.com' ? 'github.com' : host;
}

/** Scheme and web host, for links Lead Desk builds itself (permalinks). */
export function webOriginFor(apiUrl: string): string {
  const url = new URL(apiUrl);
  return url.host === 'api.github.com' ? 'https://github.com' : `${url.protocol}//${url.host}`;
}
