import assert from 'node:assert/strict';
import fc from 'fast-check';
import { gitDirFromDotGitFile, headCommitFrom, parseGitHead, remotesFromGitConfig, rootInWorkspaceSpace } from '../../../src/core/gitFiles';

const A = 'a'.repeat(40);
const B = '0123456789abcdef0123456789abcdef01234567';

describe('git files (read through workspace.fs when the git extension cannot answer)', () => {
  it('reads the remotes of a .git/config: fetch url, push url, comments, odd spacing', () => {
    const config = [
      '[core]', '\trepositoryformatversion = 0', '\tbare = false',
      '[remote "origin"]', '\turl = https://github.com/acme/api.git', '\tfetch = +refs/heads/*:refs/remotes/origin/*',
      '; a comment', '[branch "main"]', '\tremote = origin', '\turl = https://example.invalid/not-a-remote.git',
      '[remote "fork"]', '  url=git@github.com:mira/api.git   # her fork', '  pushurl = git@github.com:mira/api-push.git',
      '  url = https://second.example/ignored-for-fetch.git',
      '[remote "with \\"quote\\""]', 'url = "https://ghe.example.com/acme/q.git"',
    ].join('\n');
    assert.deepEqual(remotesFromGitConfig(config), [
      { name: 'origin', fetchUrl: 'https://github.com/acme/api.git' },
      { name: 'fork', fetchUrl: 'git@github.com:mira/api.git', pushUrl: 'git@github.com:mira/api-push.git' },
      { name: 'with "quote"', fetchUrl: 'https://ghe.example.com/acme/q.git' },
    ]);
    assert.deepEqual(remotesFromGitConfig('[remote "origin"]\r\n\turl = https://github.com/acme/api.git\r\n'), [{ name: 'origin', fetchUrl: 'https://github.com/acme/api.git' }]);
    assert.deepEqual(remotesFromGitConfig(''), []);
  });

  it('never throws, and every remote it finds has a name, whatever the file holds', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => {
      for (const r of remotesFromGitConfig(text)) assert.equal(typeof r.name, 'string');
    }), { numRuns: 500 });
  });

  it('reads HEAD: a branch, or a detached commit; anything else is unknown', () => {
    assert.deepEqual(parseGitHead('ref: refs/heads/main\n'), { kind: 'ref', ref: 'refs/heads/main' });
    assert.deepEqual(parseGitHead(`${B}\n`), { kind: 'commit', commit: B });
    assert.equal(parseGitHead(''), undefined);
    assert.equal(parseGitHead('ref: refs/heads/../../config'), undefined, 'a ref never leaves the git dir');
    assert.equal(parseGitHead('not a head'), undefined);
  });

  it('finds the branch\'s commit in its loose ref, else in packed-refs', () => {
    const packed = `# pack-refs with: peeled fully-peeled sorted\n${A} refs/heads/main\n^${B}\n${B} refs/heads/topic\n`;
    assert.equal(headCommitFrom('refs/heads/main', `${B}\n`, packed), B, 'the loose ref is newer than packed-refs');
    assert.equal(headCommitFrom('refs/heads/main', undefined, packed), A);
    assert.equal(headCommitFrom('refs/heads/topic', undefined, packed), B);
    assert.equal(headCommitFrom('refs/heads/none', undefined, packed), undefined);
    assert.equal(headCommitFrom('refs/heads/main', undefined, undefined), undefined);
  });

  it('follows a .git file (a linked worktree or a submodule) to its git dir', () => {
    assert.equal(gitDirFromDotGitFile('gitdir: /home/lead/api/.git/worktrees/review\n'), '/home/lead/api/.git/worktrees/review');
    assert.equal(gitDirFromDotGitFile('gitdir: ../.git/modules/lib'), '../.git/modules/lib');
    assert.equal(gitDirFromDotGitFile('nonsense'), undefined);
  });
});

describe('git roots across hosts', () => {
  const remoteFolder = { scheme: 'vscode-remote', authority: 'ssh-remote+devbox', path: '/home/lead/api' };
  it('a root reported by the remote host (file:) lands in the remote workspace\'s URI space', () => {
    assert.deepEqual(rootInWorkspaceSpace({ scheme: 'file', authority: '', path: '/home/lead/api' }, [remoteFolder]), remoteFolder);
    assert.deepEqual(rootInWorkspaceSpace({ scheme: 'file', authority: '', path: '/home/lead/api/packages/web' }, [remoteFolder]),
      { ...remoteFolder, path: '/home/lead/api/packages/web' }, 'a nested repository');
    const second = { scheme: 'vscode-remote', authority: 'wsl+Ubuntu', path: '/srv/other' };
    assert.deepEqual(rootInWorkspaceSpace({ scheme: 'file', authority: '', path: '/srv/other' }, [remoteFolder, second]), second);
  });
  it('stays as it is in a local window, or when it is not a file', () => {
    const local = { scheme: 'file', authority: '', path: '/home/lead/api' };
    assert.deepEqual(rootInWorkspaceSpace(local, [local]), local);
    assert.deepEqual(rootInWorkspaceSpace(local, []), local);
    const virtual = { scheme: 'vscode-vfs', authority: 'github', path: '/acme/api' };
    assert.deepEqual(rootInWorkspaceSpace(virtual, [remoteFolder]), virtual);
  });
});
