#!/usr/bin/env node
// The Marketplace listing's images, drawn here rather than downloaded:
//   node test/harness/listingImages.mjs --icon media/icon.png        the 128×128 icon (SVG below, rendered by headless Chromium)
//   node test/harness/listingImages.mjs --screenshots media/readme   README screenshots of the packaged VSIX, installed, with demo data
// The window is 1280×760 so the three PNGs stay near 300 KB in all. Needs a development build first (`node esbuild.mjs`) for the fake GitHub.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { toolchain } from './toolchain.mjs';
import { installVsix, openWorkbench, packageVsix, runCommand, startFakeGitHub, tempDir, webviewFrame } from './installedVsix.mjs';

// A monitor (the activity-bar icon's shape) holding both halves of the day: a code prompt and a person.
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="128" height="128" viewBox="0 0 128 128">
  <defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2f81f7"/><stop offset="1" stop-color="#123c85"/></linearGradient></defs>
  <rect x="0" y="0" width="128" height="128" rx="26" fill="url(#bg)"/>
  <g fill="none" stroke-linecap="round" stroke-linejoin="round">
    <rect x="18" y="24" width="92" height="64" rx="9" stroke="#ffffff" stroke-width="7"/>
    <path d="M64 88v14M44 104h40" stroke="#ffffff" stroke-width="7"/>
    <path d="M33 45l11 11-11 11M50 69h13" stroke="#ffffff" stroke-width="6"/>
    <circle cx="87" cy="47" r="7.5" stroke="#ffd166" stroke-width="5.5"/>
    <path d="M74 73c0-8 6-12 13-12s13 4 13 12" stroke="#ffd166" stroke-width="5.5"/>
  </g>
</svg>`;

const argv = process.argv.slice(2);
const value = (name) => (argv.includes(name) ? path.resolve(argv[argv.indexOf(name) + 1]) : undefined);
const tools = toolchain();
const { chromium } = createRequire(path.join(tools.tools, 'node_modules', 'x.js'))('playwright-core');

if (value('--icon')) await renderIcon(value('--icon'));
if (value('--screenshots')) await takeScreenshots(value('--screenshots'));

async function renderIcon(file) {
  const browser = await chromium.launch({ executablePath: tools.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${ICON_SVG}</body></html>`);
  await page.locator('svg').screenshot({ path: file, omitBackground: true });
  await browser.close();
  console.log(`icon: ${file}`);
}

async function takeScreenshots(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const work = tempDir('lead-desk-shots-');
  const gh = await startFakeGitHub();
  const profile = installVsix(work, packageVsix(work), tools);
  const wb = await openWorkbench(profile, {
    viewport: { width: 1280, height: 760 },
    settings: { 'workbench.colorTheme': 'Default Dark Modern', 'leadDesk.github.apiUrl': gh.url,
      'leadDesk.github.repositories': gh.repositories, 'leadDesk.team.members': gh.team },
    env: { LEAD_DESK_TOKEN: gh.token },
  }, tools);
  try {
    const { page } = wb;
    await page.locator('.activitybar .action-label[aria-label="Lead Desk"]').click();
    await page.locator('.sidebar .monaco-list-row').nth(4).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(2000);   // the GitHub groups fill in
    await runCommand(page, 'Lead Desk: Start Technical Time');
    await page.locator('.statusbar-item', { hasText: 'Technical' }).first().waitFor();
    await shot(page, path.join(dir, 'sidebar-and-timer.png'));
    await runCommand(page, 'Lead Desk: Open Code Review Queue');
    await (await webviewFrame(page, 'table tbody tr')).waitForTimeout(1500);
    await shot(page, path.join(dir, 'review-queue.png'));
    await runCommand(page, 'Lead Desk: Start Morning Review');
    await (await webviewFrame(page, '#section-milestones')).waitForTimeout(3000);
    await shot(page, path.join(dir, 'morning-review.png'));
  } finally {
    await wb.stop();
    await gh.stop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

async function shot(page, file) {
  await page.mouse.move(1, 1);   // no hover highlight in the picture
  await page.screenshot({ path: file });
  console.log(`screenshot: ${file} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}
