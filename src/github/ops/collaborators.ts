/** The collaborators of a repository (one page of 100): whom a task or an issue can go to. */
import { array, login } from '../parse';
import type { Transport } from '../transport/transport';

export async function collaborators(transport: Pick<Transport, 'octokit'>, repo: string): Promise<string[]> {
  const [owner, name] = repo.split('/');
  const { data } = await transport.octokit.rest.repos.listCollaborators({ owner, repo: name, per_page: 100 });
  return array(data, 'collaborators').map(login);
}
