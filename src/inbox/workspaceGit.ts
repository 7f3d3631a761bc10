/**
 * The open folder's git repositories, read from whichever side Lead Desk runs on.
 *
 * Lead Desk is a UI extension where it can be (`extensionKind: ["ui", "workspace"]`): in a
 * Remote-SSH, WSL, container or Codespaces window it runs on the lead's machine, while the folder
 * — and the built-in git extension — live on the remote host. So nothing here touches the
 * workspace with Node (`fs`, `child_process`): those would look at the wrong machine. In order:
 *
 * 1. the git extension's API, when it runs in this same extension host (a local window);
 * 2. the git extension's API commands (`git.api.getRepositories`, `git.api.getRepositoryState`),
 *    which VS Code carries across hosts;
 * 3. `vscode.workspace.fs`, which reads the remote's files too: `.git/config` and `.git/HEAD` of
 *    each workspace folder (git disabled or missing).
 *
 * A check-out runs git where the workspace is: through the git extension's API here, else as a
 * VS Code task (run on the workspace's host) for the fetch and the git extension's `git.checkout`
 * command.
 */
import * as vscode from 'vscode';
import { randomId } from '../core/randomId';
import { TaskTypes } from '../ids';
import { gitDirFromDotGitFile, headCommitFrom, parseGitHead, remotesFromGitConfig, rootInWorkspaceSpace, type GitRemote } from '../core/gitFiles';

export type { GitRemote } from '../core/gitFiles';

/** One repository as Lead Desk needs it: where it is, its remotes, the commit checked out. */
export interface WorkspaceRepository {
  readonly rootUri: vscode.Uri;
  readonly remotes: readonly GitRemote[];
  readonly headCommit?: string;
  /** The branch checked out (undefined when HEAD is detached or unknown). */
  readonly headBranch?: string;
}

/** The part of the git extension's API (v1) used here, when it runs in this extension host. */
export interface GitApiRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly remotes: readonly GitRemote[]; readonly HEAD?: { readonly commit?: string; readonly name?: string } };
  fetch(remote?: string, ref?: string): Promise<void>;
  checkout(treeish: string): Promise<void>;
}
export interface GitApi { readonly repositories: readonly GitApiRepository[] }
interface GitExtension { getAPI(version: 1): GitApi }

/** What `git.api.getRepositoryState` answers (the fields used here). */
interface GitCommandState { readonly HEAD?: { readonly commit?: string; readonly name?: string }; readonly remotes?: readonly GitRemote[] }

/** Where the repositories are read from; tests pick one to check each path in the real VS Code. */
export interface WorkspaceGitOptions {
  /** The git extension's API in this extension host, or undefined when it runs elsewhere. */
  readonly api?: () => GitApi | undefined;
  /** Ask the git extension through its commands (works across hosts). */
  readonly commands?: boolean;
}

const GIT_EXTENSION = 'vscode.git';
/** A fetch that takes longer than this is given up on (the task keeps running in its terminal). */
const FETCH_TIMEOUT_MS = 5 * 60_000;

/** The git extension's API when it runs in this extension host (activated), else undefined. */
export function gitApiInThisHost(): GitApi | undefined {
  const ext = vscode.extensions.getExtension<GitExtension>(GIT_EXTENSION);
  return ext?.isActive ? ext.exports.getAPI(1) : undefined;
}

/** HEAD as the git extension describes it (API or command), in this file's shape. */
function headOf(head: { readonly commit?: string; readonly name?: string } | undefined): Pick<WorkspaceRepository, 'headCommit' | 'headBranch'> {
  return { ...(head?.commit ? { headCommit: head.commit } : {}), ...(head?.name ? { headBranch: head.name } : {}) };
}

function fromApi(r: GitApiRepository): WorkspaceRepository {
  return { rootUri: r.rootUri, remotes: r.state.remotes, ...headOf(r.state.HEAD) };
}

function contains(root: vscode.Uri, uri: vscode.Uri): boolean {
  if (root.scheme !== uri.scheme || root.authority !== uri.authority) return false;
  const base = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path === root.path || uri.path.startsWith(base);
}

export class WorkspaceGit {
  private readonly api: () => GitApi | undefined;
  private readonly commands: boolean;

  constructor(options: WorkspaceGitOptions = {}) {
    this.api = options.api ?? gitApiInThisHost;
    this.commands = options.commands ?? true;
  }

  /** Every git repository of the open folders, with remotes and HEAD. */
  async repositories(): Promise<WorkspaceRepository[]> {
    const api = this.api();
    if (api && api.repositories.length > 0) return api.repositories.map(fromApi);
    const viaCommands = this.commands ? await this.fromCommands() : [];
    if (viaCommands.length > 0) return viaCommands;
    return this.fromFiles();
  }

  /** The repository holding `uri` (the innermost one), for permalinks. */
  async repositoryContaining(uri: vscode.Uri): Promise<WorkspaceRepository | undefined> {
    const matches = (await this.repositories()).filter((r) => contains(r.rootUri, uri));
    return matches.sort((a, b) => b.rootUri.path.length - a.rootUri.path.length)[0];
  }

  /**
   * Fetches `refspec` from `remote` and checks out `branch` in the repository at `rootUri`, on the
   * host where the workspace is.
   */
  async fetchAndCheckOut(rootUri: vscode.Uri, remote: string, refspec: string, branch: string): Promise<void> {
    const here = this.api()?.repositories.find((r) => r.rootUri.toString() === rootUri.toString());
    if (here) {
      await here.fetch(remote, refspec);
      await here.checkout(branch);
      return;
    }
    await runGitTask(rootUri, ['fetch', remote, refspec]);
    // git.checkout shows git's own error (local changes in the way…) and resolves all the same:
    // look at what HEAD is now before saying it is checked out.
    await vscode.commands.executeCommand('git.checkout', rootUri, branch);
    const after = (await this.fromCommands()).find((r) => r.rootUri.toString() === rootUri.toString());
    if (after?.headBranch !== branch) throw new Error(`git did not check out ${branch}; HEAD is ${after?.headBranch ?? after?.headCommit ?? 'unknown'}`);
  }

  private async fromCommands(): Promise<WorkspaceRepository[]> {
    try {
      const roots = await vscode.commands.executeCommand<string[] | undefined>('git.api.getRepositories');
      const out: WorkspaceRepository[] = [];
      for (const root of roots ?? []) {
        const state = await vscode.commands.executeCommand<GitCommandState | null>('git.api.getRepositoryState', root);
        if (!state) continue;
        // The answer names the root as the remote host sees it (file:///path): this window's
        // documents and commands use the workspace folders' URIs (vscode-remote://host/path).
        const folders = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
        const rootUri = vscode.Uri.from(rootInWorkspaceSpace(vscode.Uri.parse(root), folders));
        out.push({ rootUri, remotes: state.remotes ?? [], ...headOf(state.HEAD) });
      }
      return out;
    } catch {
      return []; // no git extension (or an older one without the API commands)
    }
  }

  /** `.git/config` and HEAD of each workspace folder, through the workspace's file system. */
  private async fromFiles(): Promise<WorkspaceRepository[]> {
    const out: WorkspaceRepository[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const gitDir = await this.gitDirOf(folder.uri);
      if (!gitDir) continue;
      // A linked worktree keeps its HEAD in its own git dir and the config in the common one.
      const common = await readText(vscode.Uri.joinPath(gitDir, 'commondir')).then((t) => (t ? resolveAgainst(gitDir, t.trim()) : gitDir));
      const config = await readText(vscode.Uri.joinPath(common, 'config'));
      if (config === undefined) continue;
      out.push({ rootUri: folder.uri, remotes: remotesFromGitConfig(config), ...await this.head(gitDir, common) });
    }
    return out;
  }

  /** The folder's git dir: `.git` itself, or where a `.git` file (worktree, submodule) points. */
  private async gitDirOf(folder: vscode.Uri): Promise<vscode.Uri | undefined> {
    const dotGit = vscode.Uri.joinPath(folder, '.git');
    try {
      const stat = await vscode.workspace.fs.stat(dotGit);
      if (stat.type & vscode.FileType.Directory) return dotGit;
      const target = gitDirFromDotGitFile(await readText(dotGit) ?? '');
      return target ? resolveAgainst(folder, target) : undefined;
    } catch {
      return undefined; // not a git checkout
    }
  }

  private async head(gitDir: vscode.Uri, common: vscode.Uri): Promise<Pick<WorkspaceRepository, 'headCommit' | 'headBranch'>> {
    const head = parseGitHead(await readText(vscode.Uri.joinPath(gitDir, 'HEAD')) ?? '');
    if (!head) return {};
    if (head.kind === 'commit') return { headCommit: head.commit };
    const loose = await readText(vscode.Uri.joinPath(common, ...head.ref.split('/')));
    const commit = headCommitFrom(head.ref, loose, await readText(vscode.Uri.joinPath(common, 'packed-refs')));
    const branch = head.ref.startsWith('refs/heads/') ? head.ref.slice('refs/heads/'.length) : undefined;
    return headOf({ ...(commit ? { commit } : {}), ...(branch ? { name: branch } : {}) });
  }
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** A path from a git file: absolute (on the workspace's host), or relative to `base`. */
function resolveAgainst(base: vscode.Uri, target: string): vscode.Uri {
  const posix = target.replace(/\\/g, '/');
  if (posix.startsWith('/')) return base.with({ path: posix });
  if (/^[A-Za-z]:\//.test(posix)) return base.with({ path: `/${posix}` });
  return vscode.Uri.joinPath(base, posix);
}

/** A path on the workspace's host for a task's working directory. */
function hostPath(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : /^\/[A-Za-z]:\//.test(uri.path) ? uri.path.slice(1) : uri.path;
}

/**
 * Runs `git args` in `rootUri` as a VS Code task: tasks run on the host where the workspace is,
 * whichever side this extension runs on. Resolves when git exits 0.
 */
async function runGitTask(rootUri: vscode.Uri, args: string[]): Promise<void> {
  const scope = vscode.workspace.getWorkspaceFolder(rootUri) ?? vscode.TaskScope.Workspace;
  // The id tells this run's end from any other task's (the end event carries a copy of the task).
  const id = randomId();
  const task = new vscode.Task({ type: TaskTypes.git, id }, scope, `git ${args.join(' ')}`, 'Lead Desk',
    new vscode.ProcessExecution('git', args, { cwd: hostPath(rootUri) }));
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, echo: true };
  const code = await new Promise<number | undefined>((resolve, reject) => {
    const timer = setTimeout(() => { sub.dispose(); resolve(undefined); }, FETCH_TIMEOUT_MS);
    const sub = vscode.tasks.onDidEndTaskProcess((e) => {
      if (e.execution.task.definition.id !== id) return;
      sub.dispose();
      clearTimeout(timer);
      resolve(e.exitCode);
    });
    vscode.tasks.executeTask(task).then(undefined, (e: unknown) => { sub.dispose(); clearTimeout(timer); reject(e); });
  });
  if (code !== 0) throw new Error(code === undefined ? `git ${args[0]} did not finish in time` : `git ${args[0]} failed (exit code ${code}); see the task's terminal`);
}
