/**
 * The webview's visible strings come from the host, in VS Code's display language: the panel's
 * descriptor builds them with `vscode.l10n.t` (its `text`), the shell embeds them as a JSON block
 * with the load's nonce, and the script reads them here once, before it lays out the page. A
 * webview spells no English itself (test/unit/webview/text.test.ts checks webview-src/).
 */
import { TEXT_ELEMENT_ID } from '../../src/webview/protocol';

/**
 * The strings for `keys` from the JSON the shell embedded. A key that is missing or not a string
 * (an older host, a hand-edited page) shows as `⟨key⟩` and is logged, so the panel still draws
 * and the gap is visible; anything else in the block is ignored.
 */
export function parseHostText<K extends string>(json: string | null | undefined, keys: readonly K[]): Readonly<Record<K, string>> {
  let table: unknown;
  try {
    table = json ? JSON.parse(json) : null;
  } catch {
    table = null;
  }
  const record = typeof table === 'object' && table !== null && !Array.isArray(table) ? (table as Record<string, unknown>) : {};
  const missing: string[] = [];
  const text = {} as Record<K, string>;
  for (const key of keys) {
    const value = Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
    if (typeof value === 'string') text[key] = value;
    else {
      missing.push(key);
      text[key] = `⟨${key}⟩`;
    }
  }
  if (missing.length) console.error(`[lead-desk] the host sent no text for ${missing.join(', ')}`);
  return text;
}

/** The panel's strings (see `parseHostText`). */
export function hostText<K extends string>(keys: readonly K[]): Readonly<Record<K, string>> {
  return parseHostText(document.getElementById(TEXT_ELEMENT_ID)?.textContent, keys);
}

/** `{0}`, `{1}`… in a host string replaced by `args` (the host's pure code fills its own with the same helper). */
export { fill } from '../../src/core/fill';
