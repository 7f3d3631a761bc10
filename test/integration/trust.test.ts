/**
 * Where the lead's token may go, in the real VS Code: a workspace can never redirect GitHub
 * requests or health checks, a token belongs to the origin it was given for, and Sign Out means
 * no more requests until Sign In.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import type { FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { MorningReviewPanel } from '../../src/review/morningReviewPanel';
import { waitFor } from './support/bridge';
import { setSetting } from './support/extension';
import { connectToFake, disconnect } from './support/github';

/** A server that is not the lead's GitHub: it records every request and what credentials came with it. */
async function startDecoy(): Promise<{ url: string; hits: { url: string; authorization?: string }[]; close(): Promise<void> }> {
  const hits: { url: string; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    hits.push({ url: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('trust: where requests and the token go', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;
  let decoy: Awaited<ReturnType<typeof startDecoy>>;
  const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
  const workspaceSettings = path.join(folder, '.vscode', 'settings.json');

  before(async () => {
    decoy = await startDecoy();
    ({ api, fake } = await connectToFake());
    await api.stores;
  });

  after(async () => {
    fs.rmSync(path.dirname(workspaceSettings), { recursive: true, force: true });
    await disconnect(fake);
    await decoy.close();
  });

  it('ignores a workspace settings.json that points the API and a health check at another server', async () => {
    const changed = new Promise<void>((resolve) => {
      const d = vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('leadDesk')) { d.dispose(); resolve(); }
      });
    });
    fs.mkdirSync(path.dirname(workspaceSettings), { recursive: true });
    fs.writeFileSync(workspaceSettings, JSON.stringify({
      'leadDesk.github.apiUrl': decoy.url,
      'leadDesk.systems.healthChecks': [{ name: 'Planted', url: `${decoy.url}/health` }],
      'leadDesk.timer.githubStatus': true,
      'leadDesk.reviews.slaHours': 8, // an ordinary setting still comes from the workspace
    }));
    await Promise.race([changed, new Promise((r) => setTimeout(r, 5000))]);
    await waitFor('the workspace slaHours to apply', () => api.settings().slaHours === 8);
    try {
      assert.equal(api.settings().apiUrl, fake.url);
      assert.deepEqual(api.settings().healthChecks, []);
      assert.equal(api.settings().githubStatus, false);

      fake.resetStats();
      await vscode.commands.executeCommand('leadDesk.refresh');
      const panel = await vscode.commands.executeCommand<MorningReviewPanel>('leadDesk.startMorningReview');
      await panel.settled();
      assert.ok(fake.requests.length > 0, 'the lead\'s GitHub still gets the requests');
      assert.ok(fake.requests.every((r) => r.headers.authorization), 'with the token');
      assert.deepEqual(decoy.hits, [], 'the workspace\'s server gets no request at all');
    } finally {
      fs.rmSync(path.dirname(workspaceSettings), { recursive: true, force: true });
      await waitFor('the workspace settings to go', () => api.settings().slaHours === 24);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('never sends a token given for one origin to another: not over http to the same host and port, not to another port', async () => {
    decoy.hits.length = 0;
    const port = new URL(decoy.url).port;
    const secure = `https://127.0.0.1:${port}`;
    // A setting's change event can land after `update` resolves: wait until Lead Desk uses the URL,
    // or a token would be handed over for the previous origin.
    const useApi = async (url: string) => {
      await setSetting('github.apiUrl', url);
      await waitFor(`Lead Desk to use ${url}`, () => api.settings().apiUrl === url);
    };
    try {
      // A token handed over for https://127.0.0.1:PORT …
      await useApi(secure);
      await api.github.auth.adoptEnvironmentToken('token-for-the-https-origin');
      // … is not sent when the API is the same host and port over plain http.
      await useApi(decoy.url);
      await vscode.commands.executeCommand('leadDesk.refresh');
      assert.equal(api.work.model.snapshot.signedIn, false, 'no token is known for that origin');
      assert.deepEqual(decoy.hits.filter((h) => h.authorization), []);
      await useApi(secure);
      await api.github.auth.signOut();
    } finally {
      await useApi(fake.url);
    }
    await api.github.auth.adoptEnvironmentToken(fake.token);
    await vscode.commands.executeCommand('leadDesk.refresh');
    // The API URL's change event can land after the refresh command started; its own refresh follows.
    await waitFor('back on the fake GitHub, its token is used again', () => api.work.model.snapshot.signedIn && !api.work.model.snapshot.refreshing, 10_000);
    assert.equal(api.work.model.snapshot.signedIn, true, 'back on the fake GitHub, its token is used again');
  });

  it('Sign Out stops every request until Sign In, and says so', async () => {
    const from = await vscode.commands.executeCommand<string>('leadDesk.signOut');
    assert.equal(from, 'token');
    fake.resetStats();
    await vscode.commands.executeCommand('leadDesk.refresh');
    assert.equal(api.work.model.snapshot.signedIn, false);
    assert.equal(fake.requests.length, 0);
    await api.github.auth.adoptEnvironmentToken(fake.token);
    await vscode.commands.executeCommand('leadDesk.refresh');
    assert.equal(api.work.model.snapshot.signedIn, true);
  });
});

