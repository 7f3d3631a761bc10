/** Open milestones with their closing rate (REST): the Morning Review's route for repos its query could not read whole. */
import { MILESTONE_WINDOW_DAYS, type OpenMilestone } from '../morningReviewData';
import { array, num, object, requiredNum, safeUrl, str, time, type Json } from '../parse';
import { mapLimited } from '../transport/mapLimited';
import type { Transport } from '../transport/transport';

const DETAIL_CONCURRENCY = 6;

/**
 * Open milestones, soonest due first. The closing rate counts the milestone's issues and PRs
 * with `closed_at` in the last 14 days (one request per dated milestone that still has open
 * work; `since` narrows by update time, which every close also sets).
 */
export async function openMilestones(transport: Pick<Transport, 'octokit' | 'webHost'>, repo: string, now = Date.now()): Promise<OpenMilestone[]> {
  const [owner, name] = repo.split('/');
  const { data } = await transport.octokit.rest.issues.listMilestones({ owner, repo: name, state: 'open', sort: 'due_on', direction: 'asc', per_page: 100 });
  const windowStart = now - MILESTONE_WINDOW_DAYS * 86_400_000;
  // Whole days, so the URL (and its cached validator) stays the same all day.
  const since = new Date(Math.floor(windowStart / 86_400_000) * 86_400_000).toISOString();
  return mapLimited(array(data, 'milestones'), DETAIL_CONCURRENCY, async (raw) => {
    const m = object(raw, 'milestone');
    const number = requiredNum(m.number, 'milestone number');
    const open = num(m.open_issues);
    const dueOn = typeof m.due_on === 'string' ? m.due_on : null;
    let closedRecently = 0;
    if (dueOn !== null && open > 0) {
      const closed = await transport.octokit.rest.issues.listForRepo({ owner, repo: name, milestone: String(number), state: 'closed', since, per_page: 100 });
      closedRecently = array(closed.data, 'issues').filter((i) => time((i as Json).closed_at) >= windowStart).length;
    }
    return { repo, number, title: str(m.title, '(no title)'), url: safeUrl(m.html_url, transport.webHost), open, closed: num(m.closed_issues), dueOn, closedRecently };
  });
}
