/** The Code Review Queue and Time Balance panels in the real VS Code: DOM, sorting, snooze, export. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { addPull, demoScenario, requestReview, type FakeGitHub } from '../fake-github';
import type { LeadDeskApi } from '../../src/extension';
import type { Config } from '../../src/config';
import { inboxQueueSource } from '../../src/queue';
import type { InboxService } from '../../src/inbox/inboxService';
import { click, evaluate, frames, hasBridge, press, query, quickInputTitled, screenshot, texts, type, viewport, waitFor } from './support/bridge';
import { connectToFake, disconnect } from './support/github';
import { openStores } from '../../src/store';
import { trendRange } from '../../src/core/trend';
import type { NewTimeEntry } from '../../src/store';
import { ReviewQueuePanel } from '../../src/queue/panel';
import type { ReviewQueueSource } from '../../src/queue/source';
import { BalancePanel } from '../../src/balance/panel';
import { registerPanel, type PanelDescriptor } from '../../src/webview/registerPanel';
import type { WebviewPanelHost } from '../../src/webview/panel';
import { EXTENSION_ID } from './support/extension';
import { flatten } from './support/tree';

const HOSTILE = '<img src=x onerror="window.pwned=1"><b>bold</b>';

describe('panels', function () {
  this.timeout(120_000);
  let api: LeadDeskApi;
  let fake: FakeGitHub;

  before(async function () {
    if (!hasBridge()) this.skip();
    const scenario = demoScenario(new Date());
    const hostile = addPull(scenario, { repo: 'acme/web', title: HOSTILE, author: 'sofia' }, new Date());
    requestReview(scenario, hostile, { user: 'lead' }, new Date(Date.now() - 60_000));
    ({ api, fake } = await connectToFake({ scenario }));
    await api.stores;
    await vscode.commands.executeCommand('leadDesk.refresh');
    assert.equal(api.work.model.snapshot.failure, null);
  });

  after(async () => {
    await disconnect(fake);
  });

  describe('review queue', () => {
    const rowTitles = async () => texts('#reviews tbody tr td.title .title-text');

    it('opens from the palette and lists the reviews, longest wait first', async () => {
      await vscode.commands.executeCommand('leadDesk.openReviewQueue');
      const titles = await waitFor('queue rows', async () => { const t = await rowTitles(); return t.length >= 9 ? t : undefined; });
      assert.equal(titles[0], 'Migrate settings page to React Query');
      const render = await waitFor('render report', () => api.panels().reviewQueue?.lastRender);
      assert.ok(render.rows >= 9 && render.ms > 0, JSON.stringify(render));
      const own = await texts('#own-prs tbody tr');
      assert.ok(own.some((t) => t.includes('Tighten CORS policy for admin routes') && t.includes('mira')), own.join('\n'));
    });

    it('shows hostile titles as literal text', async () => {
      const titles = await rowTitles();
      assert.ok(titles.includes(HOSTILE), titles.join('\n'));
      assert.equal((await query('#reviews img[src="x"], #reviews b')).length, 0, 'no element created from GitHub text');
    });

    it('reads every word from the host\'s table (src/queue/webviewText.ts), with no key left without one', async () => {
      const probe = `(() => {
        if (!document.querySelector('#reviews')) return null;
        const attr = (sel, name) => document.querySelector(sel)?.getAttribute(name) ?? null;
        const row = document.querySelector('#reviews tbody tr');
        return {
          gaps: (document.getElementById('app').textContent + [...document.querySelectorAll('[aria-label], [title], [placeholder]')]
            .map((e) => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' ')).join(' ')).includes('⟨'),
          heading: document.querySelector('h1')?.textContent,
          placeholder: attr('#filter-text', 'placeholder'),
          ci: [...document.querySelectorAll('#filter-ci vscode-option')].map((o) => o.textContent),
          own: [...document.querySelectorAll('#own-prs th')].map((t) => t.textContent),
          open: row?.querySelector('button[data-action="open"]')?.getAttribute('aria-label'),
          buttons: [...(row?.querySelectorAll('button .label') ?? [])].map((l) => l.textContent),
          count: document.querySelector('#count')?.textContent,
          dialog: [...document.querySelectorAll('#snooze-dialog label, #snooze-dialog button')].map((e) => e.textContent),
        };
      })()`;
      const candidates = (await frames()).filter((f) => f.text.includes(HOSTILE)).map((f) => f.url);
      const [found] = (await Promise.all(candidates.map((url) => evaluate<Record<string, unknown> | null>(probe, url)))).flat().filter((f) => f.value !== null);
      assert.ok(found, 'the queue frame was found');
      const { open, count, ...rest } = found.value as { open: string; count: string };
      assert.match(open, /^Open \S+#\d+ in the browser$/);
      assert.match(count, /^\d+ of \d+$/);
      assert.deepEqual(rest, {
        gaps: false, heading: 'Code Review Queue', placeholder: 'Filter by repository, author, title or label',
        ci: ['Any CI', 'CI failing', 'CI running', 'CI passing', 'No CI'],
        own: ['Pull request', 'State', 'Repository', 'Waiting', 'Reviews', 'Actions'],
        buttons: ['Open', 'Check out', 'Snooze…'],
        dialog: ['Hide it from the queue until', 'Snooze', 'Cancel'],
      });
    });

    it('turns no string into markup (Trusted Types), while the vscode-elements controls still draw', async () => {
      // Runs in the queue's own document: a plain string into innerHTML must throw, and Lit's
      // "lit-html" policy (the one allowed) must still have built the filters' shadow DOM.
      const probe = `(() => {
        if (!document.querySelector('#reviews')) return null;
        let sink = 'allowed';
        try { document.createElement('div').innerHTML = '<b>x</b>'; } catch (e) { sink = e.name; }
        const select = document.querySelector('vscode-single-select');
        return { sink, drawn: Boolean(select && select.shadowRoot && select.shadowRoot.childElementCount > 0) };
      })()`;
      // Every frame showing the hostile title (the workbench's own page does too, in the tree); only the queue's has #reviews.
      const candidates = (await frames()).filter((f) => f.text.includes(HOSTILE)).map((f) => f.url);
      const results = (await Promise.all(candidates.map((url) => evaluate<{ sink: string; drawn: boolean } | null>(probe, url)))).flat().filter((f) => f.value !== null);
      assert.ok(results.length > 0, 'the queue frame was found');
      for (const r of results) assert.deepEqual(r.value, { sink: 'TypeError', drawn: true }, r.url);
    });

    it('sorts by author when the header is clicked', async () => {
      assert.ok(await click('th[data-sort="author"] button'));
      const authors = await waitFor('sorted by author', async () => {
        const a = await texts('#reviews tbody tr td.author');
        const sorted = [...a].sort((x, y) => x.localeCompare(y));
        return a.length >= 9 && (JSON.stringify(a) === JSON.stringify(sorted) || JSON.stringify(a) === JSON.stringify([...sorted].reverse())) ? a : undefined;
      });
      assert.ok(authors.length >= 9);
      await screenshot('review-queue');
    });

    it('shows every header and the whole SLA state at a 1500 px window', async () => {
      await vscode.commands.executeCommand('leadDesk.openReviewQueue');
      const before = await viewport(1500, 900);
      try {
        const headers = ['Pull request', 'State', 'Repository', 'Author', 'Waiting', 'Size', 'CI', 'SLA', 'Draft', 'Actions'];
        // After the resize the webview lays out again; wait until the breached badges are measured.
        await waitFor('SLA cells laid out', async () => (await query('#reviews tbody td.sla')).some((c) => c.text.trim() === 'Breached' && c.clientWidth > 0));
        await new Promise((r) => setTimeout(r, 300));
        const file = await screenshot('review-queue-1500');
        const th = await query('#reviews thead th');
        assert.deepEqual(th.map((h) => h.text.trim()), headers);
        const clipped = (e: { scrollWidth: number; clientWidth: number }) => e.scrollWidth > e.clientWidth;
        assert.deepEqual(th.filter(clipped).map((h) => `${h.text.trim()} (${h.scrollWidth} > ${h.clientWidth})`), [], `clipped headers; see ${file}`);
        // "Breach…" is text-overflow at the cell's content box, which scrollWidth does not see: compare the badge with it.
        const slaCells = await query('#reviews tbody td.sla');
        const badges = await query('#reviews tbody td.sla .sla-badge');
        assert.equal(badges.length, slaCells.length);
        // Rows off screen are not laid out (content-visibility: auto) and measure 0.
        const shown = slaCells.map((cell, i) => ({ text: cell.text.trim(), cell, badge: badges[i]! })).filter((c) => c.cell.clientWidth > 0);
        assert.ok(shown.some((c) => c.text === 'Breached'), JSON.stringify(shown));
        const cut = shown.filter(({ cell, badge }) => clipped(cell) || badge.right > cell.contentRight);
        assert.deepEqual(cut.map(({ text, cell, badge }) => `${text} (badge ends at ${badge.right}, cell content at ${cell.contentRight})`), [], `clipped SLA cells; see ${file}`);
      } finally {
        await viewport(before.width, before.height);
      }
    });

    it('snoozes a review until a date: it leaves the queue and the tree', async () => {
      const panel = api.panels().reviewQueue!;
      const target = api.work.model.snapshot.reviews.find((r) => r.title.startsWith('Rotate staging TLS'))!;
      const tomorrow = new Date(Date.now() + 86_400_000);
      const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
      await panel.receive({ type: 'snooze', repo: target.repo, number: target.number, until: day });
      await waitFor('row hidden', async () => !(await rowTitles()).includes(target.title));
      const snoozed = api.work.model.snapshot.reviews.find((r) => r.number === target.number && r.repo === target.repo)!;
      assert.ok(snoozed.snoozedUntil && snoozed.snoozedUntil > Date.now());
      const treeTitles = flatten(api.work.tree.rootNodes).map((n) => String(n.label));
      assert.ok(treeTitles.length > 5, 'the tree has its reviews');
      assert.ok(!treeTitles.some((t) => t.includes('Rotate staging TLS')), 'snoozed review left the tree');
    });

    it('rejects messages outside the protocol and acts on none of them', async () => {
      const panel = api.panels().reviewQueue!;
      const writes = fake.writes().length;
      for (const forged of [
        { type: 'checkout', repo: 'evil/repo', number: 1 },
        { type: 'open', url: 'https://evil.example.com/x' },
        { type: 'snooze', repo: 'acme/api', number: api.work.model.snapshot.reviews[0].number, until: '2999-01-01' },
        { type: 'runCommand', command: 'workbench.action.quit' },
        JSON.parse('{"type":"open","url":"https://github.com","__proto__":{"x":1}}'),
        'not an object',
      ]) {
        const before = panel.rejectedMessages;
        await panel.receive(forged);
        assert.equal(panel.rejectedMessages, before + 1, `${JSON.stringify(forged)}: refused once, not accepted or counted twice`);
      }
      assert.equal(fake.writes().length, writes);
    });

    it('lets go of its emitter and its listeners on the inbox and the settings when disposed', () => {
      // Real VS Code events, counted as they are subscribed and disposed.
      const upstream = new vscode.EventEmitter<void>();
      let live = 0;
      const counted: vscode.Event<void> = (listener, thisArg, disposables) => {
        const inner = upstream.event(listener, thisArg);
        live++;
        let disposed = false;
        const tracked = { dispose: () => { if (!disposed) { disposed = true; live--; inner.dispose(); } } };
        disposables?.push(tracked);
        return tracked;
      };
      const config = { onDidChange: counted, get settings() { return api.settings(); } } as unknown as Config;
      const inbox = { onDidChange: counted, get snapshot() { return api.inbox.snapshot; } } as unknown as InboxService;
      const source = inboxQueueSource(config, inbox);
      let changes = 0;
      source.onDidChange(() => changes++);
      upstream.fire();
      assert.deepEqual([live, changes], [2, 2], 'one listener on the inbox, one on the settings, both forwarded');
      source.dispose();
      assert.equal(live, 0, 'both listeners disposed');
      source.onDidChange(() => changes++);
      upstream.fire();
      assert.equal(changes, 2, 'the emitter is disposed: nothing fires after dispose');
      upstream.dispose();
    });
  });

  describe('balance', () => {
    before(async () => {
      await vscode.commands.executeCommand('leadDesk.startTechnical');
    });

    it('opens and shows today\'s entries and totals', async () => {
      await vscode.commands.executeCommand('leadDesk.startManagerial');
      await vscode.commands.executeCommand('leadDesk.showBalance');
      const rows = await waitFor('entries', async () => { const r = await texts('#entries tbody tr'); return r.length >= 2 ? r : undefined; });
      assert.ok(rows.some((r) => /technical/i.test(r)) && rows.some((r) => /managerial/i.test(r)), rows.join('\n'));
      assert.equal((await query('#balance-chart')).length, 1);
      assert.match((await texts('#total-today'))[0], /Today/);
      await screenshot('balance');
    });

    it('exports a CSV with the day\'s rows', async () => {
      await vscode.commands.executeCommand('leadDesk.startManagerial');
      await new Promise((r) => setTimeout(r, 50));
      const done = vscode.commands.executeCommand<vscode.Uri | undefined>('leadDesk.exportTime');
      await quickInputTitled('Export Time as CSV');
      await waitFor('range pick', async () => (await texts('.quick-input-list .monaco-list-row')).some((t) => t.includes('Today')));
      await type('Today');
      await press('Enter');
      // code-server's save dialog is VS Code's simple file dialog (a quick input); typing a path
      // races its completion, so accept the proposed file in the workspace with its OK button.
      await waitFor('save dialog', async () => (await texts('.quick-input-title')).some((t) => /as CSV/i.test(t)));
      assert.ok(await click('.quick-input-widget .monaco-button'), 'OK button');
      const saved = await done;
      assert.ok(saved, 'a file was chosen');
      const file = saved.fsPath;
      assert.match(path.basename(file), /^lead-desk-time-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await waitFor('csv file', () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined));
      const lines = csv.trim().split('\r\n');
      assert.equal(lines[0].replace(/^\uFEFF/, ''), 'date,start,end,mode,minutes,note,auto,source');
      assert.ok(lines.length >= 3, csv);
      assert.ok(lines.slice(1).some((l) => l.includes(',technical,')) && lines.slice(1).some((l) => l.includes(',managerial,')), csv);
    });

    describe('the 8-week trend, from seeded history', () => {
      // Seven past weeks, Monday to Friday: technical T hours from 09:00, then managerial M hours
      // with a note tagged by weekday; Wednesdays' technical time was started automatically.
      const T = [4, 3, 5, 2, 4, 3, 5];
      const M = [2, 3, 1, 4, 2, 3, 1];
      const NOTES = ['#1:1 with Mira', '#review PR 12', '#hiring panel', 'planning', '#review PR 40'];

      before(async () => {
        const { from } = trendRange(Date.now());
        const entries: NewTimeEntry[] = [];
        for (let week = 0; week < 7; week++) {
          for (let day = 0; day < 5; day++) {
            const date = new Date(from);
            date.setDate(date.getDate() + week * 7 + day);
            date.setHours(9, 0, 0, 0);
            const start = date.getTime();
            const mid = start + T[week]! * 3_600_000;
            entries.push({ mode: 'technical', start, end: mid, ...(day === 2 ? { auto: 'edits' as const } : {}) });
            entries.push({ mode: 'managerial', start: mid, end: mid + M[week]! * 3_600_000, note: NOTES[day]! });
          }
        }
        const thisMonday = new Date(from);
        thisMonday.setDate(thisMonday.getDate() + 49);
        const other = await openStores((await api.stores).dir);
        try {
          // As another window (or last month's VS Code) wrote it: straight into the month shards.
          await other.time.replaceEntries({ from, to: thisMonday.getTime() }, entries);
        } finally {
          other.dispose();
        }
        api.panels().balance?.dispose();
        // The workbench removes a closed webview's frame a moment later: until then the old
        // panel's table (with none of this history) would answer the queries below.
        await waitFor('the earlier balance webview gone', async () => (await query('#trend')).length === 0);
      });

      it('shows 8 weeks, oldest first, with each week\'s hours and technical share', async () => {
        await vscode.commands.executeCommand('leadDesk.showBalance');
        // One query, so every cell comes from the same render (the webview redraws on each timer change).
        const COLUMNS = ['week', 'technical', 'managerial', 'total', 'share', 'automatic', 'meetings'];
        const table = await waitFor('8 trend rows', async () => {
          const cells = await texts('#trend tbody tr td');
          return cells.length === 8 * COLUMNS.length ? cells : undefined;
        });
        const column = (name: string) => table.filter((_, i) => i % COLUMNS.length === COLUMNS.indexOf(name));
        assert.deepEqual(column('technical').slice(0, 7), T.map((t) => `${5 * t}h 00m`));
        assert.deepEqual(column('managerial').slice(0, 7), M.map((m) => `${5 * m}h 00m`));
        assert.deepEqual(column('share').slice(0, 7), T.map((t, i) => `${Math.round((t * 100) / (t + M[i]!))}%`));
        assert.deepEqual(column('automatic').slice(0, 7), T.map((t) => `${t}h 00m`), 'Wednesdays were automatic');
        assert.match(column('week')[7]!, /\(this week\)$/);
        // The chart describes itself for screen readers once Chart.js has drawn it.
        await waitFor('the chart drawn and described', async () => (await query('#trend-chart[aria-label*="last 8 weeks"]')).length === 1);
        const render = await waitFor('render report', () => api.panels().balance?.lastRender);
        assert.equal(render.weeks, 8);
        console.log(`      (report built on the host in ${api.panels().balance?.lastBuildMs?.toFixed(1)} ms, drawn in the webview in ${render.ms} ms)`);
        await vscode.commands.executeCommand('workbench.action.closeSidebar');
        await viewport(1400, 1400).then(async (before) => {
          try {
            await new Promise((r) => setTimeout(r, 400));
            await screenshot('balance-trend');
          } finally {
            await viewport(before.width, before.height);
          }
        });
      });

      it('breaks managerial time down by note tag, untagged as "other", last', async () => {
        const cells = await waitFor('tag rows', async () => { const c = await texts('#tags tbody tr td'); return c.length >= 16 ? c : undefined; });
        const column = (i: number) => cells.filter((_, j) => j % 4 === i);
        assert.deepEqual(column(0), ['#review', '#1:1', '#hiring', 'other']);
        const total = M.reduce((a, b) => a + b, 0);
        assert.deepEqual(column(2).slice(0, 3), [`${2 * total}h 00m`, `${total}h 00m`, `${total}h 00m`]);
      });
    });

    after(async () => {
      await vscode.commands.executeCommand('leadDesk.stopTimer');
    });
  });

  describe('panel registration', () => {
    const tabOpen = (viewType: string) => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(viewType));

    /** Registers `descriptor` under a view type of the test's own, opens it, disposes the registration as deactivate does. */
    const openThenDispose = async <P extends WebviewPanelHost<{ readonly type: string }, unknown>, In extends { readonly type: string }>(descriptor: PanelDescriptor<P, In>) => {
      const extensionUri = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
      const registration = registerPanel(extensionUri, descriptor);
      const panel = registration.show();
      assert.equal(registration.current, panel);
      await waitFor(`${descriptor.viewType} tab`, () => tabOpen(descriptor.viewType) || undefined);
      const closed = new Promise<void>((resolve) => panel.onDidDispose(resolve));
      registration.dispose();
      await closed;
      assert.equal(registration.current, undefined);
      await waitFor(`${descriptor.viewType} tab closed`, () => !tabOpen(descriptor.viewType) || undefined);
    };

    it('closes the open panel when the feature that registered it is disposed (deactivate)', async () => {
      const changed = new vscode.EventEmitter<void>();
      const queueSource: ReviewQueueSource = {
        snapshot: () => ({ decisions: { reviews: [], snoozed: [], own: [] }, asOf: null, notice: null, slaHours: 24 }),
        onDidChange: changed.event,
        snooze: async () => undefined,
        checkOut: async () => undefined,
        webHost: () => 'github.com',
      };
      await openThenDispose({ ...ReviewQueuePanel.descriptor(queueSource), viewType: 'leadDeskTest.queue' });
      await openThenDispose({ ...BalancePanel.descriptor({ entriesBetween: async () => [], technicalTarget: () => 60, onDidChange: changed.event }), viewType: 'leadDeskTest.balance' });
      changed.dispose();
    });
  });
});
