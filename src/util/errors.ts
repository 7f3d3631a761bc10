/**
 * One way to turn anything thrown into a line of text, and one way to make server text safe for
 * a VS Code notification. Pure: no `vscode`, so both are unit tested in plain Node.
 */

/**
 * An error that says itself in words for the lead (`GitHubFailure.describe`). Asked of the error,
 * not by its class, so this file imports nothing: src/github/ uses it too, and importing the
 * GitHub layer back would make a circle.
 */
interface SelfDescribing extends Error {
  describe(): string;
}

const describesItself = (e: unknown): e is SelfDescribing => e instanceof Error && typeof (e as Partial<SelfDescribing>).describe === 'function';

/** A one-line description of `e`: GitHub failures in their own words, never "undefined". */
export function describeError(e: unknown): string {
  if (describesItself(e)) return e.describe();
  if (e instanceof Error) return e.message || e.name || 'unknown error';
  if (typeof e === 'string') return e || 'unknown error';
  if (e === undefined || e === null) return 'unknown error';
  try {
    return JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}

/**
 * Notifications render `[label](target)` as a link, `command:` targets included, so text from a
 * server (a login, a GitHub error message, a title) could plant a clickable command. Breaking
 * the `](` pair leaves the text readable and never a link; bare URLs are left as they are
 * (VS Code does not make them clickable in notifications).
 */
export function notificationSafe(text: string): string {
  return String(text).replace(/\]\s*\(/g, '] (').replace(/[\r\n]+/g, ' ');
}

/** `describeError` made safe for a notification: the usual way to show a failure. */
export function describeForNotification(e: unknown): string {
  return notificationSafe(describeError(e));
}
