/**
 * What the lead did on GitHub in a span of time, for the standup notes: three searches (the
 * lead's own items, PRs the lead reviewed, incidents in the watched repos) classified here.
 */
import type { ItemLine } from '../../core/standup';
import { chunkQueries } from '../morningReviewData';
import { labelNames, login, repoFromUrl, safeUrl, str, time, type Json, type SearchPage } from '../parse';
import type { Transport } from '../transport/transport';

/** The session's calls the standup reads through (ops/viewer.ts, ops/searchIssues.ts): a `GitHubService` has them. */
export type ActivityTransport = Pick<Transport, 'webHost'> & { me(): Promise<string>; searchIssues(q: string, maxPages?: number): Promise<SearchPage> };

export interface DayActivity {
  readonly reviewed: ItemLine[];
  readonly merged: ItemLine[];
  readonly opened: ItemLine[];
  readonly incidentsOpened: ItemLine[];
  readonly incidentsClosed: ItemLine[];
  /** Issues the lead opened, assigned to others, closed in the span: delegated work done. */
  readonly delegatedClosed: (ItemLine & { readonly assignees: readonly string[] })[];
}

/** GitHub search takes ISO instants without milliseconds. */
function isoSeconds(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function line(service: ActivityTransport, i: Json, me?: string): ItemLine {
  const author = login(i.user);
  return {
    repo: repoFromUrl(i.repository_url), number: typeof i.number === 'number' ? i.number : 0, title: str(i.title, '(no title)'),
    url: safeUrl(i.html_url, service.webHost), ...(me !== undefined && author.toLowerCase() !== me.toLowerCase() ? { author } : {}),
  };
}

/** Activity between `from` and `to` (epoch ms), in `repos` for incidents. */
export async function dayActivity(
  service: ActivityTransport, span: { readonly from: number; readonly to: number }, repos: readonly string[], severityLabels: readonly string[],
): Promise<DayActivity> {
  const range = `${isoSeconds(span.from)}..${isoSeconds(span.to - 1000)}`;
  const within = (v: unknown) => {
    const t = time(v, Number.NaN);
    return t >= span.from && t < span.to;
  };
  const me = await service.me();
  const mine = await service.searchIssues(`archived:false author:@me updated:${range}`, 2);
  const reviewed = await service.searchIssues(`is:pr archived:false reviewed-by:@me -author:@me updated:${range}`, 2);
  const opened: ItemLine[] = [];
  const merged: ItemLine[] = [];
  const delegatedClosed: DayActivity['delegatedClosed'] = [];
  for (const i of mine.items) {
    const pull = typeof i.pull_request === 'object' && i.pull_request !== null ? i.pull_request as Json : undefined;
    if (pull) {
      if (within(i.created_at)) opened.push(line(service, i));
      if (within(pull.merged_at)) merged.push(line(service, i));
    } else if (within(i.closed_at)) {
      const assignees = (Array.isArray(i.assignees) ? i.assignees : []).map(login).filter((a) => a.toLowerCase() !== me.toLowerCase());
      if (assignees.length) delegatedClosed.push({ ...line(service, i), assignees });
    }
  }
  const incidentsOpened: ItemLine[] = [];
  const incidentsClosed: ItemLine[] = [];
  if (repos.length && severityLabels.length) {
    const labels = severityLabels.map((l) => (/^[\w.-]+$/.test(l) ? l : `"${l.replace(/"/g, '')}"`)).join(',');
    const seen = new Set<string>();
    for (const q of chunkQueries(`is:issue archived:false label:${labels} updated:${range}`, repos.map((r) => `repo:${r}`))) {
      for (const i of (await service.searchIssues(q, 2)).items) {
        const item = { ...line(service, i, me), detail: labelNames(i.labels).filter((l) => severityLabels.includes(l)).join(', ') };
        const key = `${item.repo}#${item.number}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (within(i.created_at)) incidentsOpened.push(item);
        if (within(i.closed_at)) incidentsClosed.push(item);
      }
    }
  }
  return {
    reviewed: reviewed.items.map((i) => line(service, i, me)), merged, opened, incidentsOpened, incidentsClosed, delegatedClosed,
  };
}
