/**
 * GitHub text in Markdown documents Lead Desk writes (standup notes, 1:1 prep): shown as the
 * text it is. Markdown syntax is backslash-escaped, and link-like text (`https://…`,
 * `command:…`, `www.`) is broken up so no renderer turns a title into a link or a command.
 * A mention (`@acme/engineering`, `@here`) is broken up too, so pasting the text pings no one.
 */

/**
 * Put after an `@` that starts a mention: a zero-width joiner. It is invisible, never a line
 * break, and drawn by every font (emoji sequences use it), so GitHub and Slack still show
 * `@acme/engineering`; but neither sees a mention, which is `@` directly followed by a letter or
 * digit. A backslash (`\@`) would show in Slack and still ping on GitHub (its mention filter runs
 * on the rendered text); a code span would change how every title with an `@` reads.
 */
export const MENTION_BREAK = '\u200D';

/** Characters Markdown gives a meaning to inline (`#` only means a heading at a line start, where GitHub text never goes). */
const SYNTAX = /[\\`*_{}[\]()<>|~&]/g;

export function escapeMarkdown(text: string): string {
  return String(text)
    .replace(/[\r\n]+/g, ' ')
    .replace(SYNTAX, (c) => `\\${c}`)
    // `scheme:` followed by something (a URL, `command:x`): escaping the colon splits the text
    // the linkifier sees, and renders as the same colon.
    .replace(/([A-Za-z][A-Za-z0-9+.-]*):(?=\S)/g, '$1\\:')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(/@(?=[\p{L}\p{N}_])/gu, `@${MENTION_BREAK}`)
    // A `#12` stays text: it only links on GitHub itself.
    .trim();
}

/** A link Lead Desk made itself (an http(s) URL on the GitHub host): `[label](<url>)`; plain label when there is none. */
export function markdownLink(label: string, url: string): string {
  const safe = escapeMarkdown(label);
  if (!/^https?:\/\/[^\s<>]+$/.test(url)) return safe;
  return `[${safe}](<${url}>)`;
}
