/**
 * Runs axe-core (its WCAG 2.0/2.1 level A and AA rules) inside a webview and reports the violations.
 *
 * How axe gets in: the harness's browser driver evaluates axe's source in the webview frame over
 * the DevTools protocol (the bridge's `evaluate`), which the page's Content-Security-Policy does
 * not govern. So the panels keep their production CSP (scripts only with the load's nonce, no
 * 'unsafe-eval') and nothing test-only is built into dist or media: a test build flag would have
 * needed a second CSP, and the test would then check a page the user never gets.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { evaluate } from './bridge';
import { EXTENSION_ID } from './extension';

export const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

export interface AxeNode {
  /** axe's CSS selector path; a nested array crosses into a shadow root. */
  readonly target: string;
  readonly html: string;
  readonly summary: string;
}

export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly nodes: readonly AxeNode[];
}

let source: string | undefined;

function axeSource(): string {
  const root = vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath;
  source ??= fs.readFileSync(path.join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  return source;
}

/** The violations axe finds in the frame whose URL contains `frame` (exactly one such frame). */
export async function axeViolations(frame: string): Promise<AxeViolation[]> {
  // axe's source is a plain statement (`!function(window){…}(window)`): it runs inline here, no eval().
  const expression = `(async () => {
    if (!window.axe) {
${axeSource()}
    }
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_21_AA)} }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
      nodes: v.nodes.map((n) => ({ target: JSON.stringify(n.target), html: n.html.slice(0, 160), summary: n.failureSummary ?? '' })) }));
  })()`;
  const results = await evaluate<AxeViolation[]>(expression, frame);
  if (results.length !== 1) throw new Error(`expected one frame matching ${frame}, found ${results.length}`);
  return results[0]!.value;
}

/** One line per failing element: rule, impact, target and axe's summary. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((v) => v.nodes.map((n) =>
    `${where}: ${v.id} (${v.impact}) ${n.target}: ${n.summary.replace(/\s+/g, ' ').trim()} [${v.help}] ${n.html}`));
}
