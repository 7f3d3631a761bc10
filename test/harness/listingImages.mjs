#!/usr/bin/env node
// The Marketplace listing's images, drawn here rather than downloaded:
//   node test/harness/listingImages.mjs --icon media/icon.png        the 128×128 icon (SVG below, rendered by headless Chromium)
//   node test/harness/listingImages.mjs --screenshots media/readme   README screenshots of the packaged VSIX, installed, with demo data
// Screenshots are stored with a 256-colour palette (a third of the size; the UI has few colours). Needs a development build first (`node esbuild.mjs`) for the fake GitHub.
import fs from 'node:fs';
import zlib from 'node:zlib';
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
    await runCommand(page, 'View: Toggle Primary Side Bar Visibility');   // the panels get the whole width
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
  fs.writeFileSync(file, toPalettePng(await page.screenshot()));
  console.log(`screenshot: ${file} (${Math.round(fs.statSync(file).size / 1024)} KB)`);
}

/** Chromium's 8-bit RGB(A) PNG as an indexed PNG: the 255 most frequent colours (5 bits a channel), each pixel the nearest. */
function toPalettePng(png) {
  const chunks = [];
  for (let at = 8; at < png.length;) {
    const len = png.readUInt32BE(at);
    chunks.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + len) });
    at += 12 + len;
  }
  const ihdr = chunks.find((c) => c.type === 'IHDR').data;
  const [width, height, depth, colourType, interlace] = [ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[12]];
  if (depth !== 8 || (colourType !== 2 && colourType !== 6) || interlace !== 0) throw new Error('expected an 8-bit RGB(A) PNG');
  const bpp = colourType === 6 ? 4 : 3;
  const raw = zlib.inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = width * bpp;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {   // undo the per-row filters (PNG spec, 9.2)
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? pixels[y * stride + x - bpp] : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
      const c = x >= bpp && y > 0 ? pixels[(y - 1) * stride + x - bpp] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      pixels[y * stride + x] = (row[x] + [0, a, b, (a + b) >> 1, paeth][filter]) & 0xff;
    }
  }
  const key = (i) => ((pixels[i] >> 3) << 10) | ((pixels[i + 1] >> 3) << 5) | (pixels[i + 2] >> 3);
  const counts = new Map();
  for (let i = 0; i < pixels.length; i += bpp) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
  const palette = [...counts.entries()].sort((x, y) => y[1] - x[1]).slice(0, 256)
    .map(([k]) => [((k >> 10) << 3) | 4, (((k >> 5) & 31) << 3) | 4, ((k & 31) << 3) | 4]);
  const nearest = new Map();
  const indexOf = (i) => {
    const k = key(i);
    if (!nearest.has(k)) {
      let best = 0, bestDistance = Infinity;
      palette.forEach(([r, g, b], n) => {
        const d = (r - pixels[i]) ** 2 + (g - pixels[i + 1]) ** 2 + (b - pixels[i + 2]) ** 2;
        if (d < bestDistance) { best = n; bestDistance = d; }
      });
      nearest.set(k, best);
    }
    return nearest.get(k);
  };
  const indexed = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) indexed[y * (width + 1) + 1 + x] = indexOf(y * stride + x * bpp);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([png.subarray(0, 8), pngChunk('IHDR', header), pngChunk('PLTE', Buffer.from(palette.flat())),
    pngChunk('IDAT', zlib.deflateSync(indexed, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

function pngChunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(zlib.crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
