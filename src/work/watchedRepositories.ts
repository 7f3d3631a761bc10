/**
 * Which repositories Lead Desk watches: {@link Settings.repositories}, or when that is empty the
 * GitHub remotes of the open workspace — through the built-in git extension's API where present,
 * else read from `.git/config` — keeping only remotes on the configured GitHub host.
 */
import * as vscode from 'vscode';
import type { Config } from '../config';
import { webHostFor } from '../github/connection';
import { Disposable } from '../util/disposable';

interface GitRemote { readonly name: string; readonly fetchUrl?: string; readonly pushUrl?: string }
interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly remotes: readonly GitRemote[]; readonly HEAD?: { readonly commit?: string } };
  fetch(remote?: string, ref?: string): Promise<void>;
  checkout(treeish: string): Promise<void>;
}
interface GitApi { readonly repositories: readonly GitRepository[]; readonly onDidOpenRepository: vscode.Event<GitRepository> }
interface GitExtension { getAPI(version: 1): GitApi }

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

  constructor(private readonly config: Config) {
    super();
    let last = JSON.stringify(config.settings.repositories);
    this.register(config.onDidChange((s) => {
      if (JSON.stringify(s.repositories) !== last) {
        last = JSON.stringify(s.repositories);
        this.changed.fire();
      }
    }));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed.fire()));
  }

  async resolve(): Promise<string[]> {
    const configured = this.config.settings.repositories;
    if (configured.length > 0) return [...configured];
    const host = webHostFor(this.config.settings.apiUrl);
    const urls = await this.remoteUrls();
    return [...new Set(urls.map((u) => repoFromRemote(u, host)).filter((r): r is string => Boolean(r)))];
  }

  /** The git extension's repository for `repo`, used for check-outs and permalinks. */
  gitRepositoryFor(uri: vscode.Uri): GitRepository | undefined {
    const api = this.gitApi();
    return api?.repositories.find((r) => uri.fsPath.startsWith(r.rootUri.fsPath));
  }

  /** The open git repository whose remote is `owner/repo` on the configured host, for check-outs. */
  repositoryFor(repo: string): { repository: GitRepository; remoteName: string } | undefined {
    const host = webHostFor(this.config.settings.apiUrl);
    for (const repository of this.gitApi()?.repositories ?? []) {
      const remote = repository.state.remotes.find((m) => m.fetchUrl && repoFromRemote(m.fetchUrl, host)?.toLowerCase() === repo.toLowerCase());
      if (remote) return { repository, remoteName: remote.name };
    }
    return undefined;
  }

  private gitApi(): GitApi | undefined {
    const ext = vscode.extensions.getExtension<GitExtension>('vscode.git');
    return ext?.isActive ? ext.exports.getAPI(1) : undefined;
  }

  private async remoteUrls(): Promise<string[]> {
    const api = this.gitApi();
    if (api && api.repositories.length > 0) {
      return api.repositories.flatMap((r) => r.state.remotes.flatMap((m) => [m.fetchUrl, m.pushUrl].filter((u): u is string => Boolean(u))));
    }
    const urls: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, '.git', 'config')));
        for (const m of text.matchAll(/^\s*url\s*=\s*(\S+)\s*$/gm)) urls.push(m[1]);
      } catch {
        // Not a git checkout (or .git is a file for worktrees): nothing to watch from here.
      }
    }
    return urls;
  }
}
