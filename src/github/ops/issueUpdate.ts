/**
 * Edits of an issue's own fields (`PATCH …/issues/{n}`): the `Due:` line of its description and
 * its assignees. Each is sent once; after a lost answer, the issue says whether it changed.
 */
import { withDueLine } from '../../core/issueDue';
import { array, login, object, str, type Json } from '../parse';
import type { Transport } from '../transport/transport';
import { sendOnce } from '../transport/writeOnce';

/** The issue (or PR) as REST has it, for reading back a write. */
async function issue(transport: Pick<Transport, 'octokit'>, repo: string, number: number): Promise<Json> {
  const [owner, name] = repo.split('/');
  return object((await transport.octokit.rest.issues.get({ owner, repo: name, issue_number: number })).data, 'issue');
}

/**
 * Sets the `Due: YYYY-MM-DD` line of an issue's description (see `issueDue`), keeping the rest.
 * Returns false when the line was already there.
 */
export async function writeDueLine(transport: Pick<Transport, 'octokit'>, repo: string, number: number, date: string): Promise<boolean> {
  const [owner, name] = repo.split('/');
  const body = str((await issue(transport, repo, number)).body);
  const updated = withDueLine(body, date);
  if (updated === body) return false;
  await sendOnce(`the due date of ${repo}#${number} was written`,
    async () => { await transport.octokit.rest.issues.update({ owner, repo: name, issue_number: number, body: updated }); return {}; },
    async () => (str((await issue(transport, repo, number)).body) === updated ? {} : null));
  return true;
}

export async function setAssignees(transport: Pick<Transport, 'octokit'>, repo: string, number: number, assignees: string[]): Promise<void> {
  const [owner, name] = repo.split('/');
  const wanted = assignees.map((a) => a.toLowerCase()).sort().join(',');
  await sendOnce(`${repo}#${number} was reassigned`,
    async () => { await transport.octokit.rest.issues.update({ owner, repo: name, issue_number: number, assignees }); return {}; },
    async () => {
      const now = array((await issue(transport, repo, number)).assignees ?? [], 'assignees').map((a) => login(a).toLowerCase()).sort().join(',');
      return now === wanted ? {} : null;
    });
}
