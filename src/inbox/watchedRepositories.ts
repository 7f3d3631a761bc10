/**
 * Which repositories Lead Desk watches: {@link Settings.repositories}, or when that is empty the
 * GitHub remotes of the open workspace, keeping only remotes on the configured GitHub host. The
 * workspace is read through workspaceGit.ts, which works from the UI side of a remote window too
 * (the git extension's API or commands, or `workspace.fs`; never Node on a workspace path).
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { webHostFor } from '../github/api';
import { Disposable } from '../util/disposable';
import { gitApiInThisHost, WorkspaceGit, type GitApiRepository, type WorkspaceGitOptions, type WorkspaceRepository } from './workspaceGit';

/** `owner/repo` from a remote URL on `host` (https, ssh and scp-like forms). */
export function repoFromRemote(url: string, host: string): string | undefined {
  const scp = /^[^@/]+@([^:/]+):([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url);
  if (scp) return scp[1] === host ? scp[2] : undefined;
  try {
    const u = new URL(url);
    const m = /^\/([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(u.pathname);
    return u.hostname === host.replace(/:\d+$/, '') && m ? m[1] : undefined;
  } catch {
    return undefined;
  }
}

export class WatchedRepositories extends Disposable {
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** The open folder's git repositories, from whichever side Lead Desk runs on. */
  readonly git: WorkspaceGit;

  constructor(private readonly config: Config, gitOptions: WorkspaceGitOptions = {}) {
    super();
    this.git = new WorkspaceGit(gitOptions);
    this.register(config.onDidChange((s) => {
      // Settings nothing had read yet: no list was resolved from them.
      const before = config.previous;
      if (before && JSON.stringify(s.repositories) !== JSON.stringify(before.repositories)) this.changed.fire();
    }));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()));
  }

  async resolve(): Promise<string[]> {
    const configured = this.config.settings.repositories;
    if (configured.length > 0) return [...configured];
    const host = webHostFor(this.config.settings.apiUrl);
    const urls = (await this.git.repositories()).flatMap((r) => r.remotes.flatMap((m) => [m.fetchUrl, m.pushUrl].filter((u): u is string => Boolean(u))));
    return [...new Set(urls.map((u) => repoFromRemote(u, host)).filter((r): r is string => Boolean(r)))];
  }

  /**
   * The git extension's repository for `uri` when the extension runs in this extension host
   * (a local window), else undefined; {@link WorkspaceGit.repositoryContaining} works everywhere.
   */
  gitRepositoryFor(uri: vscode.Uri): GitApiRepository | undefined {
    return gitApiInThisHost()?.repositories.find((r) => uri.fsPath.startsWith(r.rootUri.fsPath));
  }

  /** The open git repository whose remote is `owner/repo` on the configured host, for check-outs. */
  async repositoryFor(repo: string): Promise<{ repository: WorkspaceRepository; remoteName: string } | undefined> {
    const host = webHostFor(this.config.settings.apiUrl);
    for (const repository of await this.git.repositories()) {
      const remote = repository.remotes.find((m) => m.fetchUrl && repoFromRemote(m.fetchUrl, host)?.toLowerCase() === repo.toLowerCase());
      if (remote) return { repository, remoteName: remote.name };
    }
    return undefined;
  }

  /**
   * Checks out pull request `number` of `repo` as branch `pr-N` in the open repository with that
   * remote, on the host where the workspace is. Undefined when no open repository has that remote.
   */
  async checkOutPullRequest(repo: string, number: number): Promise<string | undefined> {
    const git = await this.repositoryFor(repo);
    if (!git) return undefined;
    const branch = `pr-${number}`;
    // GitHub serves every PR head as pull/N/head on the base repo, forks included.
    await this.git.fetchAndCheckOut(git.repository.rootUri, git.remoteName, `pull/${number}/head:${branch}`, branch);
    return branch;
  }
}
