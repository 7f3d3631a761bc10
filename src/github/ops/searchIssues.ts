/** Issue and PR search (REST), paged up to GitHub's 1,000 results; what is malformed or repeated is dropped here. */
import { array, num, object, searchResults, type SearchPage } from '../parse';
import type { Transport } from '../transport/transport';

/** Search pages fetched at most; GitHub never returns more than 1,000 results anyway. */
const MAX_SEARCH_PAGES = 5;

export async function searchIssues(transport: Pick<Transport, 'octokit'>, q: string, maxPages = MAX_SEARCH_PAGES): Promise<SearchPage> {
  const raw: unknown[] = [];
  let total = 0;
  let incomplete = false;
  for (let page = 1; page <= maxPages; page++) {
    const { data } = await transport.octokit.rest.search.issuesAndPullRequests({ q, per_page: 100, page, sort: 'created', order: 'asc' });
    const body = object(data, 'search result');
    const pageItems = array(body.items, 'search items');
    raw.push(...pageItems);
    total = num(body.total_count, raw.length);
    incomplete ||= body.incomplete_results === true;
    if (pageItems.length < 100 || raw.length >= Math.min(total, 1000)) break;
  }
  // Malformed and repeated items are dropped here, once for every query's callers.
  return { items: searchResults(raw, `search "${q}"`), total, incomplete };
}
