// The VSIX as users install it: `npm run package` in a clean copy, `code-server --install-extension`
// into a fresh profile (no development path), then the real workbench in headless Chromium. Every
// other integration suite runs the development folder, so a file left out of the package would
// only show up here. The shipped bundle has no test API: everything is checked through the DOM.
//   npx mocha --reporter test/summaryReporter.cjs --reporter-option suite=vsix test/vsix/installedVsix.test.mjs
// Needs a development build first (`node esbuild.mjs`): the fake GitHub comes from dist/test.
/* global document */   // page.evaluate callbacks run in the workbench page
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, it } from 'mocha';
import { installVsix, openWorkbench, root, packageVsix, runCommand, startFakeGitHub, tempDir, webviewFrame } from '../harness/installedVsix.mjs';

describe('vsix: the packaged extension, installed', function () {
  this.timeout(120_000);
  let work, profile, installed, gh, wb, page;
  // Where the packaged README's images point (the --baseImagesUrl of `npm run package`).
  const imagesBase = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.package.match(/--baseImagesUrl (\S+)/)[1].replace(/\/$/, '');

  before(async function () {
    this.timeout(180_000);
    work = tempDir('lead-desk-vsix-');
    gh = await startFakeGitHub();
    profile = installVsix(work, packageVsix(work));
    installed = path.join(profile.extensions, 'lead-desk.lead-desk-' + JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version);
    wb = await openWorkbench(profile, {
      settings: { 'leadDesk.github.apiUrl': gh.url, 'leadDesk.github.repositories': gh.repositories, 'leadDesk.team.members': gh.team },
      env: { LEAD_DESK_TOKEN: gh.token },
    });
    page = wb.page;
    await page.context().route(`${imagesBase}/**`, (route) => {
      const file = path.join(root, new URL(route.request().url()).pathname.slice(new URL(imagesBase).pathname.length));
      return fs.existsSync(file) ? route.fulfill({ path: file }) : route.fulfill({ status: 404, body: 'not in the repository' });
    });
  });

  after(async () => {
    await wb?.stop();
    await gh?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('is installed from the VSIX into the profile\'s extensions folder, not linked to the checkout', () => {
    const list = JSON.parse(fs.readFileSync(path.join(profile.extensions, 'extensions.json'), 'utf8'));
    const entry = list.find((e) => e.identifier.id === 'lead-desk.lead-desk');
    assert.ok(entry, 'lead-desk.lead-desk is in extensions.json');
    assert.equal(entry.metadata?.source, 'vsix');
    assert.equal(entry.location.path, installed);
    assert.ok(fs.statSync(installed).isDirectory() && !fs.lstatSync(installed).isSymbolicLink());
  });

  it('ships the calendar parser beside the bundle (loaded at the first calendar read): the installed one reads a calendar', () => {
    const { readMeetings } = createRequire(import.meta.url)(path.join(installed, 'dist', 'calendarParser.js'));
    const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Lead Desk//EN', 'BEGIN:VEVENT', 'UID:one', 'DTSTAMP:20240301T000000Z',
      'DTSTART:20240325T090000Z', 'DTEND:20240325T093000Z', 'SUMMARY:Standup', 'END:VEVENT', 'END:VCALENDAR', ''].join('\r\n');
    const meetings = readMeetings(ics, { start: Date.UTC(2024, 2, 25), end: Date.UTC(2024, 2, 26) }, { myEmails: [], countTentative: true });
    assert.deepEqual(meetings.map((m) => [m.title, m.start, m.end]), [['Standup', Date.UTC(2024, 2, 25, 9), Date.UTC(2024, 2, 25, 9, 30)]]);
  });

  it('activates: the Lead Desk view container opens on its tree with GitHub data', async () => {
    await page.locator('.activitybar .action-label[aria-label="Lead Desk"]').click();
    const rows = page.locator('.sidebar .monaco-list-row');
    await rows.filter({ hasText: 'Delegated work' }).first().waitFor({ timeout: 30_000 });
    await rows.filter({ hasText: 'Pending reviews' }).first().waitFor({ timeout: 30_000 });
  });

  it('shows the status-bar timer, and a command from the palette runs it', async () => {
    const timer = page.locator('.statusbar-item', { hasText: /Paused|Technical|Managerial/ }).first();
    await timer.waitFor({ timeout: 30_000 });
    await runCommand(page, 'Lead Desk: Start Technical Time');
    await page.locator('.statusbar-item', { hasText: /Technical \d/ }).first().waitFor({ timeout: 15_000 });
  });

  it('loads the webview scripts and styles from the installed folder: the review queue renders', async () => {
    await runCommand(page, 'Lead Desk: Open Code Review Queue');
    // Rows exist only once media/dist/queue.js ran and drew the fake GitHub's pull requests.
    const frame = await webviewFrame(page, 'table tbody tr');
    const assets = await frame.evaluate(() => ({
      scripts: [...document.querySelectorAll('script[src]')].map((s) => decodeURIComponent(s.src)),
      styles: [...document.querySelectorAll('link[rel="stylesheet"]')].map((l) => ({ href: decodeURIComponent(l.href), loaded: l.sheet !== null })),
      rows: document.querySelectorAll('table tbody tr').length,
    }));
    assert.ok(assets.rows > 0, 'the queue has rows');
    assert.ok(assets.scripts.length > 0 && assets.scripts.every((s) => s.includes(installed)), `scripts from ${installed}: ${assets.scripts.join(', ')}`);
    assert.ok(assets.styles.length > 0, 'the queue links its style sheets');
    for (const s of assets.styles) {
      assert.ok(s.href.includes(installed), `style sheet from the installed folder: ${s.href}`);
      assert.ok(s.loaded, `style sheet loaded: ${s.href}`);
    }
  });

  it('shows the icon and the README images on the extension\'s details page', async () => {
    await runCommand(page, 'Extensions: Show Installed Extensions');
    await page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Lead Desk' }).first().click();
    await page.locator('.extension-editor .header .name', { hasText: 'Lead Desk' }).waitFor({ timeout: 15_000 });
    const icon = page.locator('.extension-editor .header img.icon');
    await icon.waitFor();
    await page.waitForFunction(() => { const i = document.querySelector('.extension-editor .header img.icon'); return i?.complete && i.naturalWidth > 0; }, null, { timeout: 15_000 })
      .catch(() => assert.fail('the icon did not load on the details page'));
    const iconSrc = decodeURIComponent(await icon.getAttribute('src'));
    assert.ok(iconSrc.includes(path.join(installed, 'media', 'icon.png')), `the icon from the installed folder: ${iconSrc}`);
    // The README is a webview whose sanitizer keeps only http(s) images (a relative one loses its
    // src): `npm run package` makes them absolute with --baseImagesUrl. The repository's web host
    // is stood in for by the checkout's files, so an image the README names but the repo lacks fails.
    const readme = await webviewFrame(page, `img[src^="${imagesBase}/"]`);
    await readme.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 15_000 });
    const images = await readme.evaluate(() => [...document.images].map((i) => ({ src: i.getAttribute('src'), width: i.naturalWidth })));
    const readmeImages = fs.readFileSync(path.join(root, 'README.md'), 'utf8').match(/!\[[^\]]*\]\([^)]+\)/g) ?? [];
    assert.ok(readmeImages.length > 0, 'the README has images');
    assert.equal(images.length, readmeImages.length, `every README image is on the page: ${JSON.stringify(images)}`);
    for (const i of images) assert.ok(i.width > 0, `README image shows: ${i.src}`);
  });
});
