/** Who is signed in: the viewer's login (GraphQL `viewer`, 1 point). `GitHubClient` asks it once per session. */
import { GitHubFailure } from '../transport/failure';
import type { Transport } from '../transport/transport';

export async function viewerLogin(transport: Pick<Transport, 'graphql'>): Promise<string> {
  const d = await transport.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
  const login = d?.viewer?.login;
  if (typeof login !== 'string' || login === '') throw new GitHubFailure('malformed', 'viewer has no login');
  return login;
}
