// What a window's start waits on: SecretStorage reads cost 0.1–0.4 s each in a starting
// code-server, and the saved sidebar is painted only once the session's fingerprint is known.
// The auth here is the real GitHubAuth on a secret store that counts its reads (a store, not VS Code).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GitHubAuth } from '../../src/github/session/auth';
import { secretKeyFor } from '../../src/github/session/sessionRules';
import { SecretKeys } from '../../src/ids';

const API = 'http://127.0.0.1:9';

/** A SecretStorage over a Map that logs each read, its key, and when it started and ended. */
class CountingSecrets implements vscode.SecretStorage {
  readonly values = new Map<string, string>();
  readonly reads: { key: string; started: number; ended?: number }[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  readonly onDidChange = this.changed.event;
  constructor(private readonly delayMs: number) {}
  async get(key: string): Promise<string | undefined> {
    const read: { key: string; started: number; ended?: number } = { key, started: Date.now() };
    this.reads.push(read);
    const value = this.values.get(key); // what the store held when asked: a slow read answers with it
    await new Promise((r) => setTimeout(r, this.delayMs));
    read.ended = Date.now();
    return value;
  }
  keys(): Promise<string[]> { return Promise.resolve([...this.values.keys()]); }
  store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
    return Promise.resolve();
  }
  delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
    return Promise.resolve();
  }
}

class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] { return [...this.values.keys()]; }
  get<T>(key: string, fallback?: T): T | undefined { return (this.values.has(key) ? this.values.get(key) : fallback) as T | undefined; }
  update(key: string, value: unknown): Thenable<void> { this.values.set(key, value); return Promise.resolve(); }
}

describe('session secrets: what a window\'s start waits on', function () {
  this.timeout(20_000);

  const authOn = (secrets: CountingSecrets) => new GitHubAuth(secrets, new MemoryMemento(), () => API, () => [], () => Promise.reject(new Error('not asked')));

  it('reads the fingerprint secret once, alongside the token, however often a key is asked for', async () => {
    const secrets = new CountingSecrets(150);
    secrets.values.set(secretKeyFor(API), 'token-1');
    secrets.values.set(SecretKeys.snapshotFingerprint, 'f'.repeat(64));
    const auth = authOn(secrets);
    try {
      const session = await auth.session();
      assert.equal(session?.token, 'token-1');
      const keys = await Promise.all([auth.fingerprint('a'), auth.fingerprint('a'), auth.fingerprint('b')]);
      assert.equal(keys[0], keys[1]);
      assert.notEqual(keys[0], keys[2]);
      const fingerprintReads = secrets.reads.filter((r) => r.key === SecretKeys.snapshotFingerprint);
      assert.equal(fingerprintReads.length, 1, 'one read of the fingerprint secret');
      const tokenRead = secrets.reads.find((r) => r.key === secretKeyFor(API))!;
      assert.ok(fingerprintReads[0]!.started < tokenRead.ended!, 'the fingerprint secret was asked for before the token read ended');
    } finally {
      auth.dispose();
    }
  });

  it('reads it again once another window has written it', async () => {
    const secrets = new CountingSecrets(0);
    const auth = authOn(secrets);
    try {
      const mine = await auth.fingerprint('x'); // none stored yet: this window makes one
      await secrets.store(SecretKeys.snapshotFingerprint, 'e'.repeat(64)); // another window's, stored after
      const theirs = await auth.fingerprint('x');
      assert.notEqual(theirs, mine, 'the stored secret is used, not the remembered one');
      assert.equal(secrets.reads.filter((r) => r.key === SecretKeys.snapshotFingerprint).length, 2);
    } finally {
      auth.dispose();
    }
  });

  it('a lookup that a sign-out, a new token or another origin overtook does not keep its answer', async () => {
    const secrets = new CountingSecrets(100);
    secrets.values.set(secretKeyFor(API), 'token-1');
    const auth = authOn(secrets);
    try {
      const overtaken = auth.session(); // reads token-1 slowly…
      await new Promise((r) => setTimeout(r, 20));
      secrets.values.set(secretKeyFor(API), 'token-2'); // … while the token changes
      auth.reset();
      assert.equal((await overtaken)?.token, 'token-1', 'the lookup in flight answers what it read');
      assert.equal((await auth.session())?.token, 'token-2', 'the next lookup reads again instead of the overtaken answer');
    } finally {
      auth.dispose();
    }
  });
});
