/**
 * The GitHub links a delegated task carries: the permalink Lead Desk builds for a selection, and
 * the issue or PR a pasted link names. Pure, so they are unit tested (test/unit/inbox/permalink.test.ts).
 */

/** A GitHub permalink to the selected lines at the current commit. */
export function permalink(webOrigin: string, repo: string, commit: string, relativePath: string, startLine: number, endLine: number): string {
  const path = relativePath.split(/[\\/]/).map(encodeURIComponent).join('/');
  const lines = startLine === endLine ? `L${startLine}` : `L${startLine}-L${endLine}`;
  return `${webOrigin}/${repo}/blob/${commit}/${path}#${lines}`;
}

/** `owner/repo` and number from an issue or PR URL on `webHost`, if it is one. */
export function parseIssueLink(url: string, webHost: string): { repo: string; number: number } | undefined {
  try {
    const u = new URL(url);
    if (u.host !== webHost) return undefined;
    const m = /^\/([^/]+\/[^/]+)\/(?:issues|pull)\/(\d+)/.exec(u.pathname);
    return m ? { repo: m[1], number: Number(m[2]) } : undefined;
  } catch {
    return undefined;
  }
}
