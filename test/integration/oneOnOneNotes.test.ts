/**
 * 1:1 notes with two windows, in the real VS Code (issue 17 #5): an open 1:1 panel shows what
 * another window saves as soon as it is on disk, and a save that meets another window's text
 * keeps both and tells the lead. The other window is a second store handle on the same folder
 * (another process's saves look the same on disk: a rename in the store folder).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OTHER_NOTES_MARKER } from '../../src/core/oneOnOne';
import type { LeadDeskApi } from '../../src/extension';
import { Commands } from '../../src/ids';
import type { OneOnOnePanel } from '../../src/oneOnOne';
import { openStores, type Stores } from '../../src/store';
import { evaluate, frames, hasBridge, texts, waitFor } from './support/bridge';
import { leadDesk } from './support/extension';

describe('1:1 notes across windows', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let other: Stores;
  // A teammate no other suite writes notes for.
  const who = 'noor';

  before(async () => {
    api = await leadDesk();
    other = await openStores((await api.stores).dir);
  });

  after(async () => {
    other.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** The 1:1 webview's frame, once it shows `text`. */
  const webviewShowing = (text: string) => waitFor(`the 1:1 webview showing ${JSON.stringify(text)}`, async () =>
    (await frames()).find((f) => f.text.includes(`1:1 with ${who}`) && f.text.includes(text)));
  const textarea = async (frame: string) => (await evaluate<string>(`document.getElementById('notes-text').value`, frame))[0]?.value;

  it('shows another window\'s saved notes in the open panel, and keeps both texts when two saves meet', async () => {
    const panel = await vscode.commands.executeCommand<OneOnOnePanel>(Commands.prepareOneOnOne, who);
    await waitFor('the first view', () => panel.view);
    const day = panel.date;
    assert.equal(panel.view!.todayNotes, '');

    // Another window saves: the open panel follows without being touched.
    await other.oneOnOnes.saveNotes(who, day, 'Agenda from the other window', Date.now(), '');
    await waitFor('the panel to show the other window\'s notes', () => panel.view?.todayNotes === 'Agenda from the other window');
    let frame: string | undefined;
    if (hasBridge()) {
      frame = (await webviewShowing(`Notes of the 1:1 on ${day}`)).url;
      await waitFor('the textarea to hold the other window\'s notes', async () => (await textarea(frame!)) === 'Agenda from the other window');
    }

    // Both edit from that text; the other window saves first.
    await other.oneOnOnes.saveNotes(who, day, 'Agenda from the other window\nB: on call next week', Date.now(), 'Agenda from the other window');
    await panel.receive({ type: 'saveNotes', notes: 'Agenda from the other window\nA: wants the ADR', base: 'Agenda from the other window', seq: 1 });
    const both = `Agenda from the other window\nA: wants the ADR\n\n${OTHER_NOTES_MARKER}\nAgenda from the other window\nB: on call next week`;
    assert.deepEqual(panel.view?.notesSaved, { seq: 1, theirs: 'Agenda from the other window\nB: on call next week', failed: false });
    assert.equal(panel.view?.todayNotes, both);
    assert.equal((await other.oneOnOnes.person(who)).meetings.find((m) => m.date === day)?.notes, both, 'on disk for every window');

    if (hasBridge() && frame) {
      // The webview: the lead types while another window saves; the save keeps both and says so.
      await waitFor('the textarea to follow', async () => (await textarea(frame!)) === both);
      await evaluate(`(() => { const t = document.getElementById('notes-text'); t.focus(); t.value = 'Typed here'; t.dispatchEvent(new Event('input')); })()`, frame);
      await other.oneOnOnes.saveNotes(who, day, 'Saved over there', Date.now(), both);
      const merged = `Typed here\n\n${OTHER_NOTES_MARKER}\nSaved over there`;
      await waitFor('the textarea to keep both texts', async () => (await textarea(frame!)) === merged);
      await waitFor('the conflict notice', async () => (await frames()).some((f) => f.url === frame && f.text.includes('Another window saved different notes for this 1:1 at the same time')));
      await waitFor('both texts on disk', async () => (await other.oneOnOnes.person(who)).meetings.find((m) => m.date === day)?.notes === merged);
    }
    panel.dispose();
  });

  it('a teammate whose record cannot be read: the panel says so, the next save merges it back, and the file is copied first', async () => {
    const dir = (await api.stores).dir;
    const file = path.join(dir, 'one-on-ones.json');
    // A hand edit broke one field of zed's record; everything else in it is fine.
    const meetings = ['2026-11-06', '2026-11-13', '2026-11-20'].map((date, i) => ({ date, notes: `earlier 1:1 ${i}`, updatedAt: Date.now() - (3 - i) * 7 * 86_400_000 }));
    const content = (fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { version: 1, people: {} }) as { people: Record<string, unknown> };
    content.people.zed = { login: 'zed', meetings, actions: [], nudges: {} };
    fs.writeFileSync(`${file}.edit`, JSON.stringify(content, null, 2));
    fs.renameSync(`${file}.edit`, file);
    await vscode.commands.executeCommand('notifications.clearAll');

    const panel = await vscode.commands.executeCommand<OneOnOnePanel>(Commands.prepareOneOnOne, 'zed');
    const first = await waitFor('the first view', () => panel.view);
    assert.match(first.unreadable ?? '', /Some of the 1:1 notes about zed in one-on-ones\.json could not be read/);
    assert.deepEqual(first.pastNotes, [], 'set aside: not shown');

    await panel.receive({ type: 'saveNotes', notes: 'today with zed', base: '', seq: 1 });
    assert.equal(panel.view?.unreadable, null);
    assert.deepEqual(panel.view?.pastNotes.map((m) => m.notes), ['earlier 1:1 2', 'earlier 1:1 1', 'earlier 1:1 0'], 'merged back');
    const copies = fs.readdirSync(dir).filter((n) => /^one-on-ones\.set-aside-.*\.json$/.test(n));
    assert.equal(copies.length, 1);
    assert.deepEqual((JSON.parse(fs.readFileSync(path.join(dir, copies[0]!), 'utf8')) as typeof content).people.zed, content.people.zed, 'the copy holds the record as it was');
    if (hasBridge()) {
      await vscode.commands.executeCommand('notifications.showList');
      await waitFor('the notification about the copy', async () =>
        (await texts('.notifications-center .notification-list-item-message')).some((t) => t.includes('held records it could not read') && t.includes(copies[0]!)));
      await vscode.commands.executeCommand('notifications.clearAll');
      await vscode.commands.executeCommand('notifications.hideList');
    }
    panel.dispose();
  });
});
