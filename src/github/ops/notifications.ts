/**
 * The notifications the Morning Review lists: unread threads (conditional, so an unchanged inbox
 * costs nothing) and marking one read, sent once (`sendOnce`).
 */
import { subjectWebUrl, type NotificationThread } from '../morningReviewData';
import { array, object, safeUrl, str, time } from '../parse';
import type { Transport } from '../transport/transport';
import { sendOnce } from '../transport/writeOnce';

/**
 * Unread notification threads (updated after `since`, when given), newest first, and the poll
 * interval GitHub asks for. One page of 50: a lead with more unread has bigger problems.
 * Repeats are conditional (Last-Modified), so an unchanged inbox costs nothing.
 */
export async function unreadThreads(transport: Pick<Transport, 'octokit' | 'webHost'>, since?: Date): Promise<{ threads: NotificationThread[]; pollIntervalSeconds: number }> {
  const { data, headers } = await transport.octokit.rest.activity.listNotificationsForAuthenticatedUser({
    all: false, per_page: 50, ...(since ? { since: since.toISOString() } : {}),
  });
  const threads = array(data, 'notifications').map((raw): NotificationThread => {
    const n = object(raw, 'notification');
    const subject = object(n.subject, 'notification subject');
    const repository = object(n.repository, 'notification repository');
    return {
      id: String(n.id ?? ''), repo: str(repository.full_name), reason: str(n.reason, 'other'), title: str(subject.title, '(no title)'),
      type: str(subject.type), updatedAt: time(n.updated_at), url: safeUrl(subjectWebUrl(str(repository.html_url), str(subject.url)), transport.webHost),
    };
  }).filter((t) => /^\d{1,20}$/.test(t.id));
  const poll = Number((headers as Record<string, unknown>)['x-poll-interval']);
  return { threads: threads.sort((a, b) => b.updatedAt - a.updatedAt), pollIntervalSeconds: Number.isFinite(poll) && poll > 0 ? poll : 60 };
}

/** Marks a thread read once; after a lost answer, the thread says whether it is read. */
export async function markThreadRead(transport: Pick<Transport, 'octokit'>, id: string): Promise<void> {
  await sendOnce(`notification ${id} was marked read`,
    async () => { await transport.octokit.rest.activity.markThreadAsRead({ thread_id: Number(id) }); return {}; },
    async () => (object((await transport.octokit.rest.activity.getThread({ thread_id: Number(id) })).data, 'notification').unread === false ? {} : null));
}
