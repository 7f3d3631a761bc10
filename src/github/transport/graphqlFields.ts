/**
 * Older GitHub Enterprise Server releases lack some fields of github.com's schema, and answer a
 * query that asks for one with `undefinedField` and no data. These helpers read those errors and
 * take the named fields out of the query text (at the locations GitHub gives), so the view can ask
 * again without them. Pure: no Octokit, no `vscode`, and no GraphQL parser in the bundle (a small
 * tokenizer is enough for the queries we write).
 */

export interface UndefinedField {
  /** `Type.field`, as in the log line. */
  readonly name: string;
  readonly locations: readonly { readonly line: number; readonly column: number }[];
}

const FIELD_MESSAGE = /^Field '(\w+)' doesn't exist on type '(\w+)'/;
/** A type the server does not have, named in an inline fragment (`... on AddedToMergeQueueEvent`). */
const TYPE_MESSAGE = /^No such type (\w+), so it can't be a fragment condition/;
/** An enum value the server does not have, in an argument (`itemTypes: [ADDED_TO_MERGE_QUEUE_EVENT]`): graphql-ruby's and graphql-js's words. */
const ARGUMENT_MESSAGE = /^Argument '(\w+)' on Field '(\w+)' has an invalid value|^Value "(\w+)" does not exist in "(\w+)" enum/;

/** The name a droppable error gives in the log line, or null when the error is something else. */
function droppableName(e: { message?: unknown; extensions?: { code?: unknown; typeName?: unknown; fieldName?: unknown } }): string | null {
  const message = typeof e.message === 'string' ? e.message : '';
  const byMessage = FIELD_MESSAGE.exec(message);
  const byCode = e.extensions?.code === 'undefinedField' && typeof e.extensions.typeName === 'string' && typeof e.extensions.fieldName === 'string'
    ? [e.extensions.fieldName, e.extensions.typeName] : null;
  const [field, type] = byCode ?? (byMessage ? [byMessage[1], byMessage[2]] : [null, null]);
  if (field !== null && type !== null) return `${type}.${field}`;
  const missingType = TYPE_MESSAGE.exec(message)?.[1] ?? (e.extensions?.code === 'undefinedType' && typeof e.extensions.typeName === 'string' ? e.extensions.typeName : null);
  if (missingType) return missingType;
  const arg = ARGUMENT_MESSAGE.exec(message);
  if (arg) return arg[1] ? `${arg[2]}(${arg[1]})` : `${arg[4]}.${arg[3]}`;
  return null;
}

/**
 * The fields the errors say are undefined — or whose inline fragment names a type the server
 * lacks, or whose argument holds an enum value it lacks (a GHES without the merge queue has
 * neither `RemovedFromMergeQueueEvent` nor `REMOVED_FROM_MERGE_QUEUE_EVENT`) — or null when any
 * error is something else (then the query cannot be mended by dropping fields) or an error has
 * no location to drop at.
 */
export function undefinedFields(errors: unknown): UndefinedField[] | null {
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const out: UndefinedField[] = [];
  for (const raw of errors as unknown[]) {
    if (typeof raw !== 'object' || raw === null) return null;
    const e = raw as { message?: unknown; locations?: unknown; extensions?: { code?: unknown; typeName?: unknown; fieldName?: unknown } };
    const name = droppableName(e);
    if (name === null) return null;
    const locations = Array.isArray(e.locations)
      ? (e.locations as unknown[]).filter((l): l is { line: number; column: number } =>
        typeof l === 'object' && l !== null && Number.isInteger((l as { line?: unknown }).line) && Number.isInteger((l as { column?: unknown }).column))
      : [];
    if (locations.length === 0) return null;
    out.push({ name, locations });
  }
  return out;
}

interface Token { readonly text: string; readonly start: number; readonly end: number }

/** GraphQL's lexical tokens (names, numbers, strings, punctuators); whitespace, commas and comments skipped. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const re = /[\s,]+|#[^\n\r]*|"""[\s\S]*?"""|"(?:[^"\\\n\r]|\\.)*"|\.\.\.|[!$&()[\]{}:=@|]|-?[\w.+-]+/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < source.length && (m = re.exec(source)) !== null) {
    const text = m[0];
    if (/^[\s,]/.test(text) || text.startsWith('#')) continue;
    tokens.push({ text, start: m.index, end: m.index + text.length });
  }
  return tokens;
}

const isName = (t: Token | undefined): boolean => t !== undefined && /^[_A-Za-z]\w*$/.test(t.text);

/** Index of the token that closes the bracket at `open`. */
function closing(tokens: readonly Token[], open: number): number {
  const pair: Record<string, string> = { '{': '}', '(': ')', '[': ']' };
  const want = pair[tokens[open].text];
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (tokens[i].text === tokens[open].text) depth++;
    else if (tokens[i].text === want && --depth === 0) return i;
  }
  return -1;
}

/** Index of the token that opens the bracket closed at `close`. */
function opening(tokens: readonly Token[], close: number): number {
  const pair: Record<string, string> = { '}': '{', ')': '(', ']': '[' };
  const want = pair[tokens[close].text];
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (tokens[i].text === tokens[close].text) depth++;
    else if (tokens[i].text === want && --depth === 0) return i;
  }
  return -1;
}

/** The last token of the field or inline fragment that starts at `i` (alias, arguments, directives, selection). */
function selectionEnd(tokens: readonly Token[], i: number): number {
  let j = i;
  if (tokens[j].text === '...') {
    j++;
    if (tokens[j]?.text === 'on') j += 2;
  } else {
    if (tokens[j + 1]?.text === ':') j += 2;
    j++;
    if (tokens[j]?.text === '(') j = closing(tokens, j) + 1;
  }
  while (tokens[j]?.text === '@') {
    j += 2;
    if (tokens[j]?.text === '(') j = closing(tokens, j) + 1;
  }
  if (tokens[j]?.text === '{') return closing(tokens, j);
  return j - 1;
}

/**
 * The first token of the selection whose selection set opens at `brace`, or -1 when the set is
 * an operation's (nothing encloses it that could go).
 */
function selectionStart(tokens: readonly Token[], brace: number): number {
  let j = brace - 1;
  for (;;) {
    if (tokens[j]?.text === ')') j = opening(tokens, j) - 1;
    if (!isName(tokens[j])) return -1;
    if (tokens[j - 1]?.text === '@') { j -= 2; continue; }
    break;
  }
  if (tokens[j - 1]?.text === 'on' && tokens[j - 2]?.text === '...') return j - 2;
  if (['query', 'mutation', 'subscription', 'fragment'].includes(tokens[j].text) || ['query', 'mutation', 'subscription', 'on'].includes(tokens[j - 1]?.text ?? '')) return -1;
  if (tokens[j - 1]?.text === ':' && isName(tokens[j - 2])) return j - 2;
  return j;
}

/**
 * Removes the selection starting at token `i`, and its parent when that leaves the parent's set
 * empty; answers the text and where the removal began (the text before it is unchanged).
 */
function removeSelection(source: string, i: number): { text: string; from: number } | null {
  const tokens = tokenize(source);
  const end = selectionEnd(tokens, i);
  if (end < i) return null;
  // The innermost `{` enclosing token i.
  let depth = 0;
  let brace = -1;
  for (let k = i - 1; k >= 0; k--) {
    if (tokens[k].text === '}') depth++;
    else if (tokens[k].text === '{' && depth-- === 0) { brace = k; break; }
  }
  if (brace < 0) return null;
  const emptied = brace === i - 1 && tokens[end + 1]?.text === '}';
  if (emptied) {
    const parent = selectionStart(tokens, brace);
    return parent < 0 ? null : removeSelection(source, parent);
  }
  return { text: source.slice(0, tokens[i].start) + source.slice(tokens[end].end), from: tokens[i].start };
}

/**
 * The first token of the selection to drop for a location at token `i`: the field itself; the
 * inline fragment whose type condition is at `i`; or, for a location inside a field's arguments,
 * that field (with its alias). -1 when `i` is none of these.
 */
function selectionAt(tokens: readonly Token[], i: number): number {
  if (isName(tokens[i]) && tokens[i - 1]?.text === 'on' && tokens[i - 2]?.text === '...') return i - 2;
  // Inside an argument list: the enclosing `(`, through lists and object values, unless a selection set encloses first.
  let depth = 0;
  for (let k = i - 1; k >= 0; k--) {
    const t = tokens[k].text;
    if (t === ')' || t === ']' || t === '}') depth++;
    else if ((t === '(' || t === '[' || t === '{') && depth > 0) depth--;
    else if (t === '(') {
      const name = k - 1;
      if (!isName(tokens[name])) return -1;
      return tokens[name - 1]?.text === ':' && isName(tokens[name - 2]) ? name - 2 : name;
    } else if (t === '{' && tokens[k - 1]?.text !== ':' && tokens[k - 1]?.text !== '[') break;
  }
  return isName(tokens[i]) ? i : -1;
}

/** Character offset of a GraphQL location (1-based line and column). */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = source.indexOf('\n', offset);
    if (next < 0) return -1;
    offset = next + 1;
  }
  return offset + column - 1;
}

/**
 * `query` without the fields at `locations` (where GitHub reported them undefined); a selection
 * left empty goes too. Null when that cannot be done (a location is not a field, or the whole
 * operation would be empty).
 */
export function withoutFieldsAt(query: string, locations: readonly { line: number; column: number }[]): string | null {
  const offsets = [...new Set(locations.map((l) => offsetOf(query, l.line, l.column)))].sort((a, b) => b - a);
  let out = query;
  // Offsets come last first, so the text before `removedFrom` is as GitHub saw it; one at or after
  // it went with an earlier removal (an emptied parent, or the field whose argument it was).
  let removedFrom = Number.POSITIVE_INFINITY;
  for (const offset of offsets) {
    if (offset >= removedFrom) continue;
    const tokens = tokenize(out);
    const i = tokens.findIndex((t) => t.start === offset);
    if (i < 0) return null;
    const start = selectionAt(tokens, i);
    if (start < 0) return null;
    const next = removeSelection(out, start);
    if (next === null) return null;
    out = next.text;
    removedFrom = Math.min(removedFrom, next.from);
  }
  return out;
}
