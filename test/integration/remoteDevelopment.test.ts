/**
 * Remote Development: on the UI side of a remote window, the git extension's API object is not
 * reachable (it runs on the remote host) and Node's fs would read the lead's own disk. These tests
 * take away the API (as the UI side sees it) and check, in the real VS Code against the harness
 * workspace (a git repo with origin https://github.com/acme/api.git), that the watched
 * repositories, the HEAD used for permalinks and a pull request's check-out still work — through
 * the git extension's commands, VS Code's task system and workspace.fs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Config } from '../../src/config';
import { WatchedRepositories } from '../../src/inbox/watchedRepositories';
import { WorkspaceGit, gitApiInThisHost } from '../../src/inbox/workspaceGit';
import { leadDesk } from './support/extension';

describe('remote development (workspace git from the UI side)', function () {
  this.timeout(120_000);
  let folder: vscode.Uri;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: folder.fsPath, encoding: 'utf8' }).trim();
  /** Settings as a lead with no `leadDesk.github.repositories` on github.com has them. */
  let config: Config;
  const owned: { dispose(): void }[] = [];

  before(async () => {
    const api = await leadDesk();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    const settings = () => ({ ...api.settings(), repositories: [], apiUrl: 'https://api.github.com' });
    config = { onDidChange: () => ({ dispose() {} }), get settings() { return settings(); } } as unknown as Config;
  });

  after(() => { for (const d of owned) d.dispose(); });

  const watched = (options: ConstructorParameters<typeof WatchedRepositories>[1]) => {
    const repos = new WatchedRepositories(config, options);
    owned.push(repos);
    return repos;
  };

  it('the watched repositories come from the workspace\'s git remote through the git extension\'s commands (no API object)', async () => {
    assert.deepEqual(await watched({ api: () => undefined }).resolve(), ['acme/api']);
  });

  it('and through workspace.fs alone (git extension unavailable), with the commit HEAD points at', async () => {
    const repos = watched({ api: () => undefined, commands: false });
    assert.deepEqual(await repos.resolve(), ['acme/api']);
    const inRepo = await repos.git.repositoryContaining(vscode.Uri.joinPath(folder, 'src', 'server.ts'));
    assert.equal(inRepo?.rootUri.toString(), folder.toString());
    assert.equal(inRepo?.headCommit, git('rev-parse', 'HEAD'), 'the permalink\'s commit');
  });

  it('the three ways agree: API in this host, its commands, the files', async () => {
    const byCommands = await new WorkspaceGit({ api: () => undefined }).repositories();
    assert.ok(gitApiInThisHost(), 'here (code-server) Lead Desk and git share the extension host');
    const byApi = await new WorkspaceGit().repositories();
    const byFiles = await new WorkspaceGit({ api: () => undefined, commands: false }).repositories();
    const shape = (list: typeof byApi) => list.map((r) => ({ root: r.rootUri.toString(), head: r.headCommit, branch: r.headBranch, origin: r.remotes.find((m) => m.name === 'origin')?.fetchUrl }));
    assert.deepEqual(shape(byCommands), shape(byApi));
    assert.deepEqual(shape(byFiles), shape(byApi));
    assert.equal(shape(byApi)[0]?.origin, 'https://github.com/acme/api.git');
    assert.equal(shape(byApi)[0]?.branch, git('rev-parse', '--abbrev-ref', 'HEAD'));
  });

  it('checks out a pull request without the API object: the fetch as a VS Code task, the checkout through git.checkout', async () => {
    // GitHub is out of reach: a local bare repository stands in for github.com/acme/api, with
    // the PR head where GitHub keeps it (refs/pull/7/head); git's insteadOf sends the fetch there.
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-origin-'));
    execFileSync('git', ['init', '-q', '--bare', bare]);
    const start = git('rev-parse', '--abbrev-ref', 'HEAD');
    const prHead = git('-c', 'user.name=Contributor', '-c', 'user.email=c@example.com', 'commit-tree', 'HEAD^{tree}', '-p', 'HEAD', '-m', 'PR 7');
    git('push', '-q', bare, `${prHead}:refs/pull/7/head`);
    git('config', `url.${bare}.insteadOf`, 'https://github.com/acme/api.git');
    try {
      const repos = watched({ api: () => undefined });
      assert.equal(await repos.checkOutPullRequest('acme/api', 7), 'pr-7');
      assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), 'pr-7');
      assert.equal(git('rev-parse', 'HEAD'), prHead);
      assert.equal(await repos.checkOutPullRequest('acme/elsewhere', 7), undefined, 'a repository not open here: nothing to check out');
    } finally {
      git('checkout', '-q', start);
      git('branch', '-q', '-D', 'pr-7');
      git('config', '--unset', `url.${bare}.insteadOf`);
      fs.rmSync(bare, { recursive: true, force: true });
    }
  });

  it('a check-out git refuses (local changes in the way) is an error, never "checked out"', async () => {
    const bare = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-origin-'));
    execFileSync('git', ['init', '-q', '--bare', bare]);
    const start = git('rev-parse', '--abbrev-ref', 'HEAD');
    const server = vscode.Uri.joinPath(folder, 'src', 'server.ts');
    const original = fs.readFileSync(server.fsPath, 'utf8');
    // The PR changes src/server.ts; the lead has unsaved-to-git edits to the same file.
    const index = path.join(bare, 'scratch-index');
    const env = { ...process.env, GIT_INDEX_FILE: index };
    execFileSync('git', ['read-tree', 'HEAD'], { cwd: folder.fsPath, env });
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: folder.fsPath, input: `${original}// the PR's change\n`, encoding: 'utf8' }).trim();
    execFileSync('git', ['update-index', '--cacheinfo', `100644,${blob},src/server.ts`], { cwd: folder.fsPath, env });
    const tree = execFileSync('git', ['write-tree'], { cwd: folder.fsPath, env, encoding: 'utf8' }).trim();
    const prHead = git('-c', 'user.name=Contributor', '-c', 'user.email=c@example.com', 'commit-tree', tree, '-p', 'HEAD', '-m', 'PR 9');
    git('push', '-q', bare, `${prHead}:refs/pull/9/head`);
    git('config', `url.${bare}.insteadOf`, 'https://github.com/acme/api.git');
    fs.writeFileSync(server.fsPath, `${original}// the lead's own change\n`);
    try {
      await assert.rejects(watched({ api: () => undefined }).checkOutPullRequest('acme/api', 9), /git did not check out pr-9; HEAD is /);
      assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), start);
      assert.match(fs.readFileSync(server.fsPath, 'utf8'), /the lead's own change/, 'the lead\'s change is untouched');
    } finally {
      fs.writeFileSync(server.fsPath, original);
      git('branch', '-q', '-D', 'pr-9');
      git('config', '--unset', `url.${bare}.insteadOf`);
      fs.rmSync(bare, { recursive: true, force: true });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor').then(undefined, () => undefined);
    }
  });

  it('a failed fetch is an error that says so, and nothing is checked out', async () => {
    const start = git('rev-parse', '--abbrev-ref', 'HEAD');
    const missing = path.join(os.tmpdir(), `lead-desk-no-such-origin-${process.pid}`);
    git('config', `url.${missing}.insteadOf`, 'https://github.com/acme/api.git');
    try {
      await assert.rejects(watched({ api: () => undefined }).checkOutPullRequest('acme/api', 8), /git fetch failed \(exit code \d+\)/);
      assert.equal(git('rev-parse', '--abbrev-ref', 'HEAD'), start);
    } finally {
      git('config', '--unset', `url.${missing}.insteadOf`);
    }
  });
});
