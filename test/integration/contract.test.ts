/**
 * The contract as VS Code sees it: package.json's contributions against src/ids.ts, and the
 * promises of the README ("What it does", "Security: what a workspace cannot set"): activation,
 * commands, views, settings.
 */
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings, USER_ONLY_SETTINGS, Views } from '../../src/ids';
import { EXTENSION_ID, leadDesk, setSetting } from './support/extension';

interface ContributedCommand { command: string; category?: string; title: string; icon?: string }

describe('contract', () => {
  const pkg = () => vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
    contributes: { commands: ContributedCommand[]; views: Record<string, { id: string }[]>; configuration: { properties: Record<string, unknown> } };
    capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; restrictedConfigurations?: string[] } };
  };

  it('never lets a workspace choose where requests or the token go', () => {
    const props = pkg().contributes.configuration.properties as Record<string, { scope?: string }>;
    for (const key of USER_ONLY_SETTINGS) {
      assert.equal(props[`leadDesk.${key}`]?.scope, 'application', `leadDesk.${key} must be application-scoped`);
      assert.ok(pkg().capabilities?.untrustedWorkspaces?.restrictedConfigurations?.includes(`leadDesk.${key}`), `leadDesk.${key} must be restricted`);
    }
    assert.ok(USER_ONLY_SETTINGS.includes(Settings.apiUrl) && USER_ONLY_SETTINGS.includes(Settings.healthChecks));
    assert.equal(pkg().capabilities?.untrustedWorkspaces?.supported, 'limited');
  });

  it('activates and reports its activation time', async () => {
    const api = await leadDesk();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)!.isActive, true);
    assert.ok(api.activationMs >= 0 && api.activationMs < 1000, `activation took ${api.activationMs} ms`);
  });

  it('only registers in activate(): the settings are first read after it has returned', async () => {
    // Reading and checking every setting was the costliest part of activation (issue 18's ≤ 3 ms):
    // the timer's idle detector, automatic mode, the tree and the inbox now read them at first use.
    const api = await leadDesk();
    assert.equal(api.settingsReadInActivate, false);
  });

  it('registers every contributed command, and contributes every command it registers', async () => {
    // VS Code adds focus/toggle/reset/remove commands for each contributed view; those are not ours.
    const viewCommand = new RegExp(`^${Views.work.replace('.', '\\.')}\\.(focus|resetViewLocation|toggleVisibility|removeView)$`);
    const registered = new Set((await vscode.commands.getCommands(true)).filter((c) => c.startsWith('leadDesk.') && !viewCommand.test(c)));
    const contributed = new Set(pkg().contributes.commands.map((c) => c.command));
    const inIds = new Set<string>(Object.values(Commands));
    assert.deepEqual([...contributed].filter((c) => !registered.has(c)), [], 'contributed but not registered');
    assert.deepEqual([...registered].filter((c) => !contributed.has(c)), [], 'registered but not contributed');
    assert.deepEqual([...inIds].sort(), [...contributed].sort(), 'ids.ts and package.json differ');
  });

  it('gives every command the "Lead Desk" category', () => {
    for (const c of pkg().contributes.commands) assert.equal(c.category, 'Lead Desk', c.command);
  });

  it('contributes the leadDesk.work view in the leadDesk container', async () => {
    assert.deepEqual(pkg().contributes.views[Views.container].map((v) => v.id), [Views.work]);
    await vscode.commands.executeCommand(`${Views.work}.focus`);
  });

  it('contributes every setting in ids.ts with a markdownDescription and a default', () => {
    const props = pkg().contributes.configuration.properties as Record<string, { markdownDescription?: string; default?: unknown }>;
    const declared = Object.values(Settings).map((k) => `leadDesk.${k}`).sort();
    assert.deepEqual(Object.keys(props).sort(), declared);
    for (const [key, p] of Object.entries(props)) {
      assert.ok(p.markdownDescription, `${key} lacks a markdownDescription`);
      assert.notEqual(p.default, undefined, `${key} lacks a default`);
    }
  });

  it('contributes the getting-started walkthrough, and the signed-out welcome leads into it', () => {
    const contributes = pkg().contributes as unknown as {
      walkthroughs: { id: string; steps: { id: string; description: string }[] }[];
      viewsWelcome: { view: string; contents: string; when: string }[];
    };
    const walk = contributes.walkthroughs.find((w) => w.id === 'leadDesk.gettingStarted');
    assert.deepEqual(walk?.steps.map((s) => s.id), ['signIn', 'repositories', 'team', 'target', 'review']);
    const welcome = contributes.viewsWelcome.filter((w) => w.view === Views.work);
    assert.equal(welcome.length, 3, 'Restricted Mode, signed-out and no-repository states');
    const restricted = welcome.filter((w) => w.when.includes('!isWorkspaceTrusted'));
    assert.equal(restricted.length, 1, 'Restricted Mode says why GitHub waits');
    assert.ok(welcome.filter((w) => w.when.includes('signedOut') && !w.when.includes('!isWorkspaceTrusted')).every((w) => w.when.includes('isWorkspaceTrusted')), 'the signed-out welcome never shows in Restricted Mode');
    for (const w of welcome) assert.match(w.contents, /\]\(command:/, 'each state has a button');
    assert.ok(welcome.some((w) => w.contents.includes('openWalkthrough')));
  });

  it('warns about a bad setting value, naming the setting, and uses the default', async () => {
    const api = await leadDesk();
    const seen: string[] = [];
    const sub = api.onSettingProblem((p) => seen.push(p.setting));
    try {
      await setSetting('reviews.slaHours', -5);
      await waitUntil(() => seen.includes('leadDesk.reviews.slaHours'));
      assert.equal(api.settings().slaHours, 24);
      await setSetting('reviews.slaHours', 8);
      await waitUntil(() => api.settings().slaHours === 8);
    } finally {
      sub.dispose();
      await setSetting('reviews.slaHours', undefined);
    }
  });
});

async function waitUntil(ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
