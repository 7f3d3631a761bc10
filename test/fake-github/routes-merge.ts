// Merging a pull request: `PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge`, with GitHub's
// answers: 405 when the repo does not allow that method or the PR cannot be merged, 409 when the
// head moved past the `sha` the client saw, 200 with the merge commit otherwise.
import { type ScenarioRepo, closeItem, fakeSha, findIssueOrPull, fullName, isPull } from './scenario';
import { DOCS, HttpError, type Route, asRecord, notFound, ok } from './http-kit';
import { repoOf } from './routes-issues';

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** The methods a repo allows (GitHub's "Allow merge commits / squash / rebase" settings); all by default. */
export function allowedMergeMethods(repo: ScenarioRepo): MergeMethod[] {
  return repo.mergeMethods ?? ['merge', 'squash', 'rebase'];
}

const NOT_ALLOWED: Record<MergeMethod, string> = {
  merge: 'Merge commits are not allowed on this repository.',
  squash: 'Squash merges are not allowed on this repository.',
  rebase: 'Rebase merges are not allowed on this repository.',
};

const refused = (status: number, message: string) => new HttpError(status, { message, documentation_url: DOCS, status: String(status) });

export const mergeRoutes: Route[] = [
  {
    method: 'PUT', template: '/repos/{owner}/{repo}/pulls/{pull_number}/merge',
    handle(req) {
      const repo = repoOf(req);
      const pull = findIssueOrPull(req.ctx.scenario, fullName(repo), Number(req.params['pull_number']));
      if (!pull || !isPull(pull)) throw notFound();
      const body = asRecord(req.body ?? {});
      const method = (typeof body['merge_method'] === 'string' ? body['merge_method'] : 'merge') as MergeMethod;
      if (!allowedMergeMethods(repo).includes(method)) throw refused(405, NOT_ALLOWED[method] ?? 'Merge method not allowed');
      if (pull.state !== 'open' || pull.draft) throw refused(405, 'Pull Request is not mergeable');
      if (typeof body['sha'] === 'string' && body['sha'] !== pull.head.sha) throw refused(409, 'Head branch was modified. Review and try the merge again.');
      const sha = fakeSha(`${pull.repo}#${pull.number}:merged`);
      closeItem(pull, req.now, true);
      pull.mergedBy = req.ctx.scenario.me;
      repo.branches[pull.base.ref] = sha;
      return ok({ sha, merged: true, message: 'Pull Request successfully merged' });
    },
  },
];
