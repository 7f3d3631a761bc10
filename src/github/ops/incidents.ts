/**
 * Open issues with any of the severity labels in the watched repos: one search per chunk of repos
 * (queries stay under GitHub's 256 characters), cheaper than listing issues per repo and per label.
 * The Morning Review's GraphQL query reads the first ones; this is the REST route for the rest.
 */
import { chunkQueries, type IncidentIssue } from '../morningReviewData';
import { labelNames, login, repoFromUrl, requiredNum, safeUrl, str, time, type SearchPage } from '../parse';
import type { Transport } from '../transport/transport';

/** Search runs through the session's `searchIssues` (ops/searchIssues.ts), which the client wires in. */
export type IncidentsTransport = Pick<Transport, 'webHost'> & { searchIssues(q: string, maxPages?: number): Promise<SearchPage> };

export async function incidents(transport: IncidentsTransport, repos: readonly string[], severityLabels: readonly string[]): Promise<IncidentIssue[]> {
  if (repos.length === 0 || severityLabels.length === 0) return [];
  const labels = severityLabels.map((l) => (/^[\w.-]+$/.test(l) ? l : `"${l.replace(/"/g, '')}"`)).join(',');
  const seen = new Set<string>();
  const out: IncidentIssue[] = [];
  for (const q of chunkQueries(`is:issue is:open archived:false label:${labels}`, repos.map((r) => `repo:${r}`))) {
    const { items } = await transport.searchIssues(q, 2);
    for (const i of items) {
      const issue: IncidentIssue = {
        repo: repoFromUrl(i.repository_url), number: requiredNum(i.number, 'issue number'), title: str(i.title, '(no title)'),
        url: safeUrl(i.html_url, transport.webHost), labels: labelNames(i.labels),
        assignees: (Array.isArray(i.assignees) ? i.assignees : []).map(login), createdAt: time(i.created_at),
      };
      const key = `${issue.repo}#${issue.number}`;
      if (!seen.has(key)) out.push(issue);
      seen.add(key);
    }
  }
  return out;
}
