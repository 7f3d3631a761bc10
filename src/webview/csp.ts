/**
 * The Content-Security-Policy and the static HTML shell every Lead Desk panel loads.
 * Free of `vscode` so the policy is unit tested in plain Node.
 */
import { randomBytes } from 'node:crypto';
import { TEXT_ELEMENT_ID } from './protocol';

/** 128 random bits, base64: a fresh one for every load of a panel's HTML. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * Scripts run only with the load's nonce (no 'unsafe-inline', no 'unsafe-eval'); styles come
 * from the extension's media folder or carry the nonce. vscode-elements styles its shadow roots
 * with constructable stylesheets and Chart.js sizes its canvas through the CSSOM, and neither
 * is governed by style-src, so both work under this policy.
 * Trusted Types make every HTML sink (`innerHTML`, `insertAdjacentHTML`, …) throw on a plain
 * string, so no text can become markup. The one policy allowed is Lit's own `lit-html`, which
 * vscode-elements' components use to parse their static templates into a `<template>`.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error('A CSP nonce must be base64 of at least 16 characters');
  // VS Code's `webview.cspSource` may be several sources (code-server: `'self' https://*.vscode-cdn.net`).
  if (/[;,\r\n"]/.test(cspSource) || /'unsafe-/i.test(cspSource)) throw new Error(`Not a CSP source list: ${cspSource}`);
  return [
    "default-src 'none'",
    `img-src ${cspSource} https: data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html',
  ].join('; ') + ';';
}

export interface ShellParts {
  readonly cspSource: string;
  readonly nonce: string;
  /** A constant of the panel, never data. */
  readonly title: string;
  /** Webview URIs of the stylesheets, codicon.css first. */
  readonly codiconStylesheet: string;
  readonly stylesheets: readonly string[];
  /** Webview URI of the panel's bundled script. */
  readonly script: string;
  /** VS Code's display language (`vscode.env.language`), for `<html lang>`. */
  readonly lang?: string;
  /**
   * The panel's visible strings in the display language (`vscode.l10n.t` on the host), which the
   * script reads with `hostText` instead of spelling English itself. A constant of the panel, never data.
   */
  readonly text?: Readonly<Record<string, string>>;
}

/**
 * JSON that stays inside its `<script>` element: `<`, `>` and `&` as escapes (so no `</script>`
 * or comment can end it), and U+2028/2029, which some parsers take as line ends.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The page is the same for every load and carries no data: the script builds the UI and asks
 * the host for data with a `ready` message. Only the nonce, the CSP source, asset URIs, the
 * title constant and the panel's string table go into it, each escaped for its position anyway.
 */
export function renderShell(parts: ShellParts): string {
  const nonce = escapeHtml(parts.nonce);
  const links = parts.stylesheets.map((href) => `<link rel="stylesheet" href="${escapeHtml(href)}" nonce="${nonce}">`);
  const lang = parts.lang && /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(parts.lang) ? parts.lang : 'en';
  const text = parts.text ? `<script type="application/json" id="${TEXT_ELEMENT_ID}" nonce="${nonce}">${jsonForScript(parts.text)}</script>\n` : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(parts.cspSource, parts.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${escapeHtml(parts.codiconStylesheet)}" nonce="${nonce}">
${links.join('\n')}
<title>${escapeHtml(parts.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"><p class="loading">${escapeHtml(parts.text?.loading ?? 'Loading…')}</p></main>
<noscript>${escapeHtml(parts.text?.noScript ?? 'This panel needs scripts enabled.')}</noscript>
${text}<script nonce="${nonce}" src="${escapeHtml(parts.script)}"></script>
</body>
</html>`;
}

/** Escapes for text and double-quoted attribute positions (a `'` is harmless in both). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
