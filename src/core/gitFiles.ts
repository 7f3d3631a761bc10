/**
 * Reading a git checkout's own files — `.git/config`, `HEAD`, refs, `packed-refs`, a `.git` file
 * — for when the git extension cannot answer (git disabled or missing). Pure: the shell reads the
 * files through `vscode.workspace.fs`, which reaches a remote workspace too.
 */

export interface GitRemote {
  readonly name: string;
  readonly fetchUrl?: string;
  readonly pushUrl?: string;
}

/** The remotes of a git config file: `[remote "name"]` sections with their `url` and `pushurl`. */
export function remotesFromGitConfig(text: string): GitRemote[] {
  const remotes = new Map<string, { name: string; fetchUrl?: string; pushUrl?: string }>();
  let current: { name: string; fetchUrl?: string; pushUrl?: string } | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)[#;].*$/, '').trim();
    if (!line) continue;
    const section = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]$/.exec(line);
    if (section) {
      const name = section[2]?.replace(/\\(.)/g, '$1');
      current = section[1].toLowerCase() === 'remote' && name !== undefined ? remotes.get(name) ?? { name } : undefined;
      if (current) remotes.set(current.name, current);
      continue;
    }
    const entry = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*(.*)$/.exec(line);
    if (!current || !entry) continue;
    const key = entry[1].toLowerCase();
    const value = entry[2].replace(/^"(.*)"$/, '$1');
    // The first url is the one git fetches from; later ones are extra push targets.
    if (key === 'url' && current.fetchUrl === undefined) current.fetchUrl = value;
    if (key === 'pushurl' && current.pushUrl === undefined) current.pushUrl = value;
  }
  return [...remotes.values()].map((r) => ({ name: r.name, ...(r.fetchUrl ? { fetchUrl: r.fetchUrl } : {}), ...(r.pushUrl ? { pushUrl: r.pushUrl } : {}) }));
}

/** What `HEAD` says: a branch (`ref: refs/heads/main`) or a detached commit. */
export type GitHead = { readonly kind: 'ref'; readonly ref: string } | { readonly kind: 'commit'; readonly commit: string };

const COMMIT = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;

export function parseGitHead(text: string): GitHead | undefined {
  const t = text.trim();
  const ref = /^ref:\s*(refs\/\S+)$/.exec(t);
  if (ref && !ref[1].split('/').includes('..')) return { kind: 'ref', ref: ref[1] };
  return COMMIT.test(t) ? { kind: 'commit', commit: t } : undefined;
}

/** The commit `ref` points at: its loose ref file if there is one, else its line in `packed-refs`. */
export function headCommitFrom(ref: string, looseRef: string | undefined, packedRefs: string | undefined): string | undefined {
  const loose = looseRef?.trim();
  if (loose && COMMIT.test(loose)) return loose;
  for (const line of (packedRefs ?? '').split(/\r?\n/)) {
    const m = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (\S+)$/.exec(line.trim());
    if (m && m[2] === ref) return m[1];
  }
  return undefined;
}

/** Where a `.git` file (a linked worktree or a submodule) points: `gitdir: PATH`. */
export function gitDirFromDotGitFile(text: string): string | undefined {
  const m = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  return m ? m[1] : undefined;
}

/** The parts of a URI that say which machine and file it names. */
export interface UriParts {
  readonly scheme: string;
  readonly authority: string;
  readonly path: string;
}

/**
 * A repository root as the git extension reports it through its commands — a `file:` URI on the
 * workspace's own host — moved into the URI space of this window's workspace folders. From the
 * UI side of a remote window the folders are `vscode-remote://AUTHORITY/path`, and the same path
 * on the remote host is `file:///path` there. Unchanged when the folders are local files.
 */
export function rootInWorkspaceSpace(root: UriParts, folders: readonly UriParts[]): UriParts {
  if (root.scheme !== 'file' || folders.length === 0 || folders.some((f) => f.scheme === 'file')) return root;
  const within = (inner: string, outer: string) => inner === outer || inner.startsWith(outer.endsWith('/') ? outer : `${outer}/`);
  const folder = folders.find((f) => within(root.path, f.path) || within(f.path, root.path)) ?? folders[0];
  return { scheme: folder.scheme, authority: folder.authority, path: root.path };
}
