/** Which links a panel may open in the browser. Free of `vscode` for unit tests. */

/** Longer URLs are not links a GitHub page hands out; refuse rather than parse them. */
export const MAX_LINK_LENGTH = 2048;

/**
 * True for an absolute http(s) URL on exactly the configured GitHub web host (`github.com`, or
 * a GHE `host[:port]`). No credentials, no other scheme, no look-alike host, no whitespace or
 * control characters (the URL parser would silently strip some of them).
 */
export function isAllowedLink(url: unknown, webHost: string): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_LINK_LENGTH) return false;
  if (url.includes('\\') || hasSpaceOrControl(url)) return false;
  const host = normalizeHost(webHost);
  if (host === null) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  // `//host` must follow the scheme literally: `https:github.com/x` parses to the same URL.
  if (!url.toLowerCase().startsWith(`${parsed.protocol}//`)) return false;
  return parsed.host === host;
}

/** `github.com`, `GHE.example.com:8443` or `https://ghe.example.com/` → the lower-case `host[:port]`. */
export function normalizeHost(webHost: string): string | null {
  const trimmed = webHost.trim();
  if (trimmed === '') return null;
  try {
    const parsed = new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`);
    if (parsed.username !== '' || parsed.password !== '') return null;
    return parsed.host;
  } catch {
    return null;
  }
}

/** Whitespace or a C0/C1 control character anywhere in `text`. */
export function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
