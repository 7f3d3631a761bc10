/**
 * Tests run in the extension host and cannot see the DOM; the harness gives them a small HTTP
 * bridge to the Chromium page (REAL_VSCODE_BRIDGE): query elements in any frame (webviews are
 * nested iframes), click, press keys, type, take screenshots.
 */
import path from 'node:path';

export interface ElementText {
  readonly text: string;
  readonly html: string;
  /** Scrollable width and inner (padding box) width: `scrollWidth > clientWidth` means content spills out of the box. */
  readonly scrollWidth: number;
  readonly clientWidth: number;
  /** The border box's edges in CSS px (getBoundingClientRect). */
  readonly left: number;
  readonly right: number;
  /** Where the content box ends: a child reaching past it is clipped or cut with an ellipsis, even when scrollWidth does not show it. */
  readonly contentRight: number;
}

async function call<T>(action: string, body: object = {}): Promise<T> {
  const base = process.env.REAL_VSCODE_BRIDGE;
  if (!base) throw new Error('REAL_VSCODE_BRIDGE is not set: these tests run through test/harness/run-integration.mjs');
  const res = await fetch(`${base}/${action}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`bridge ${action} failed: ${json.error}`);
  return json;
}

export const hasBridge = (): boolean => Boolean(process.env.REAL_VSCODE_BRIDGE);
export const query = (selector: string, frame?: string) => call<ElementText[]>('query', { selector, frame });
export const click = (selector: string, frame?: string) => call<boolean>('click', { selector, frame });
export const press = (key: string) => call<void>('press', { key });
export const type = (text: string) => call<void>('type', { text });
/** Resizes the browser page the workbench runs in, like resizing the window; resolves to the previous size. */
export const viewport = (width: number, height: number) => call<{ width: number; height: number }>('viewport', { width, height });
/**
 * The value of `expression` (a script, awaited, JSON-serialisable) in every frame whose URL contains `frame`.
 * The browser driver evaluates it over the DevTools protocol, outside the page's CSP.
 */
export const evaluate = <T>(expression: string, frame: string) => call<{ url: string; value: T }[]>('evaluate', { expression, frame });
export const frames = () => call<{ url: string; text: string }[]>('frames');

export async function screenshot(name: string): Promise<string> {
  const dir = process.env.LEAD_DESK_TEST_ARTIFACTS ?? path.join(__dirname, '..', '..', 'test-artifacts');
  const file = path.join(dir, `${name}.png`);
  await (await import('node:fs')).promises.mkdir(dir, { recursive: true });
  await call('screenshot', { path: file });
  return file;
}

/** Polls `probe` until it returns a truthy value or `ms` pass; returns the value or throws with `what`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
}

/**
 * Waits until the quick input (a pick or an input box) is shown with `title` in its title and has
 * the keyboard focus. A closed one stays in the DOM, hidden, with its last title; and keys pressed
 * before the focus arrives go to the editor, leaving the input open.
 */
export async function quickInputTitled(title: string | RegExp, ms?: number): Promise<void> {
  const matches = (text: string) => (typeof title === 'string' ? text.includes(title) : title.test(text));
  await waitFor(`the quick input "${String(title)}" shown and focused`, async () =>
    (await query('.quick-input-widget .quick-input-title')).some((e) => e.clientWidth > 0 && matches(e.text))
    && (await query('.quick-input-widget input:focus')).length > 0, ms);
}

/** Text of the elements matching `selector` in frames whose URL contains `frame`. */
export async function texts(selector: string, frame?: string): Promise<string[]> {
  return (await query(selector, frame)).map((e) => e.text.trim());
}
