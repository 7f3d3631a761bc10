/**
 * What an operation in src/github/ops/ needs of the session's GitHub, and nothing more: Octokit
 * (spacing, retries, response cache, budget: octokit.ts), GraphQL that falls back when the server
 * lacks a field, GraphQL with GitHub's partial errors, the web host links point to, and the
 * repository's default branch, asked once per session. Operations take `Pick<Transport, …>`
 * of it, never the client, so no operation imports the client back.
 */
import { object, requiredNum, str } from '../parse';
import type { GraphQLErrorLike } from '../graphqlTypes';
import { undefinedFields, withoutFieldsAt } from './graphqlFields';
import type { GitHubOctokit } from './octokit';

/** What runs are filtered by: the repository's id (a fork's runs carry another) and its default branch. */
export interface RepositoryBranch {
  readonly repositoryId: number;
  readonly branch: string;
}

export interface Transport {
  readonly octokit: GitHubOctokit;
  /** The web host links must point to (github.com, or the GHE host). */
  readonly webHost: string;
  graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
  graphqlWithErrors(query: string, variables: Record<string, unknown>, opts?: { what?: string; needData?: boolean }): Promise<{ data: unknown; errors: GraphQLErrorLike[] }>;
  /** The repository's id and default branch; both rarely change, so asked once per session. */
  repositoryBranch(repo: string): Promise<RepositoryBranch>;
}

/** The transport of one signed-in session; `GitHubClient` adds the operations on top. */
export class GitHubTransport implements Transport {
  /** Queries as this server takes them: without the fields an older GHES lacks, found once per session. */
  private readonly mendedQueries = new Map<string, string>();
  /** The one default-branch cache: per session, so a new sign-in (or server) asks again. */
  private readonly branches = new Map<string, Promise<RepositoryBranch>>();
  /** `Type.field`s this server lacks, dropped from the queries that asked for them. */
  readonly droppedFields = new Set<string>();

  constructor(
    /** For the operations in src/github/ops/; features never touch it. */
    readonly octokit: GitHubOctokit,
    /** The web host links must point to (github.com, or the GHE host). */
    readonly webHost: string,
  ) {}

  /**
   * `octokit.graphql` (which posts to `/api/graphql` on GHES), for a server that may lack fields:
   * when the answer is only `undefinedField` errors, the query goes again without those fields (one
   * log line names them), and the mended text is kept for the session. The callers' mapping reads
   * a missing field as absent.
   */
  async graphql<T>(query: string, variables?: Record<string, unknown>): Promise<T> {
    let text = this.mendedQueries.get(query) ?? query;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.octokit.graphql<T>(text, variables);
      } catch (e) {
        const answer = e as { name?: string; data?: unknown; errors?: unknown };
        const fields = answer?.name === 'GraphqlResponseError' && (answer.data === undefined || answer.data === null) && attempt < 5
          ? undefinedFields(answer.errors) : null;
        const mended = fields ? withoutFieldsAt(text, fields.flatMap((f) => f.locations)) : null;
        if (!fields || mended === null || mended === text) throw e;
        const names = [...new Set(fields.map((f) => f.name))];
        console.warn(`[lead-desk] GitHub at ${this.webHost} has no ${names.join(', ')}: asking without ${names.length > 1 ? 'them' : 'it'} for this session`);
        for (const n of names) this.droppedFields.add(n);
        text = mended;
        this.mendedQueries.set(query, text);
      }
    }
  }

  /**
   * A GraphQL answer with GitHub's partial `errors` beside its `data` (Octokit throws a
   * `GraphqlResponseError` for any error, even when data came). `needData`: an answer without
   * data throws Octokit's error as it is. `what` names the query in the log line about the errors.
   */
  async graphqlWithErrors(query: string, variables: Record<string, unknown>, opts: { what?: string; needData?: boolean } = {}): Promise<{ data: unknown; errors: GraphQLErrorLike[] }> {
    try {
      return { data: await this.graphql<unknown>(query, variables), errors: [] };
    } catch (e) {
      const partial = e as { name?: string; data?: unknown; errors?: unknown };
      if (partial?.name !== 'GraphqlResponseError' || (opts.needData && (partial.data === undefined || partial.data === null))) throw e;
      const errors = Array.isArray(partial.errors) ? partial.errors as GraphQLErrorLike[] : [];
      if (opts.what) console.warn(`[lead-desk] ${opts.what}: GitHub answered with ${errors.length} error(s): ${errors.map((x) => `${(x.path ?? []).join('.') || '(query)'}: ${x.message ?? ''}`).join('; ').slice(0, 500)}`);
      return { data: partial.data ?? null, errors };
    }
  }

  repositoryBranch(repo: string): Promise<RepositoryBranch> {
    let found = this.branches.get(repo);
    if (!found) {
      const [owner, name] = repo.split('/');
      found = this.octokit.rest.repos.get({ owner, repo: name }).then((r) => {
        const data = object(r.data, 'repository');
        return { repositoryId: requiredNum(data.id, 'repository id'), branch: str(data.default_branch, 'main') };
      });
      this.branches.set(repo, found);
      found.catch(() => this.branches.delete(repo));
    }
    return found;
  }
}
