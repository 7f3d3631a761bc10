/** A comment on an issue or PR (a nudge, a hand-off), posted once and found again after a lost answer. */
import { array, login, object, safeUrl, str } from '../parse';
import type { Transport } from '../transport/transport';
import { sendOnce, type WriteResult } from '../transport/writeOnce';

/** A posted comment: its web URL. */
export interface PostedComment extends WriteResult {
  readonly url: string;
}

/**
 * How far back a read-back looks for the comment a lost answer may have posted: GitHub's clock and
 * ours may disagree by a few minutes, and a comment is matched by author and exact text.
 */
const READ_BACK_WINDOW_MS = 10 * 60_000;

/** A comment's text as GitHub keeps it (line ends normalised), to find the one a lost answer posted. */
const commentText = (s: string): string => s.replace(/\r\n/g, '\n').trim();

/**
 * Posts a comment once; after a lost answer, finds it among the issue's recent comments by the
 * viewer with the same text — and newer than every such comment there was before sending (a
 * nudge's default text repeats: an earlier nudge must not read as this one).
 */
export async function comment(
  transport: Pick<Transport, 'octokit' | 'webHost'> & { me(): Promise<string> }, repo: string, number: number, body: string,
): Promise<PostedComment> {
  const [owner, name] = repo.split('/');
  const sentAt = Date.now();
  const mine = async () => {
    const me = (await transport.me()).toLowerCase();
    const since = new Date(sentAt - READ_BACK_WINDOW_MS).toISOString();
    const { data } = await transport.octokit.rest.issues.listComments({ owner, repo: name, issue_number: number, since, per_page: 100 });
    return array(data, 'comments').map((c) => object(c, 'comment'))
      .filter((c) => login(c.user).toLowerCase() === me && commentText(str(c.body)) === commentText(body));
  };
  // Only when the same text was posted recently does the read-back need a line to draw: one read,
  // cheap next to a nudge sent twice. If it fails, nothing before counts (the read-back says so).
  const before = await mine().then((cs) => Math.max(0, ...cs.map((c) => Number(c.id) || 0)), () => Number.POSITIVE_INFINITY);
  return sendOnce(`the comment on ${repo}#${number} was posted`, async () => {
    const { data } = await transport.octokit.rest.issues.createComment({ owner, repo: name, issue_number: number, body });
    return { url: safeUrl(object(data, 'comment').html_url, transport.webHost) };
  }, async () => {
    if (!Number.isFinite(before)) throw new Error('the comments before sending could not be read');
    const posted = (await mine()).filter((c) => Number(c.id) > before).at(-1);
    return posted ? { url: safeUrl(posted.html_url, transport.webHost) } : null;
  });
}
