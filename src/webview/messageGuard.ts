/**
 * Type guards for messages a webview posts to its host. A webview shows GitHub text, so treat
 * what it sends as untrusted: every message must be a plain object whose `type` names a known
 * message and whose other own properties are exactly that message's fields, each of the right
 * type and size. Free of `vscode` for unit tests.
 */

/** Every panel protocol has this message: the webview (re)loaded and wants its data. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** Checks one field's value. */
export type FieldCheck = (value: unknown) => boolean;

type Fields<M> = { readonly [K in Exclude<keyof M, 'type'>]-?: FieldCheck };

/** For each message `type`, a check per field (besides `type`). */
export type MessageShapes<M extends { readonly type: string }> = { readonly [T in M['type']]: Fields<Extract<M, { readonly type: T }>> };

/** The longest `type` a guard looks at. */
const MAX_TYPE_LENGTH = 40;

export function boundedString(maxLength: number, pattern?: RegExp): FieldCheck {
  return (v) => typeof v === 'string' && v.length <= maxLength && (pattern === undefined || pattern.test(v));
}

export function integerIn(min: number, max: number): FieldCheck {
  return (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

export function numberIn(min: number, max: number): FieldCheck {
  return (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

export const isBoolean: FieldCheck = (v) => typeof v === 'boolean';

/**
 * An object made by the structured clone of a literal: the plain prototype, no symbols, and only
 * data properties (a getter would run code while we look at it).
 */
export function isPlainRecord(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== null) return false;
  if (Object.getOwnPropertySymbols(x).length > 0) return false;
  return Object.getOwnPropertyNames(x).every((key) => 'value' in (Object.getOwnPropertyDescriptor(x, key) ?? {}));
}

/**
 * Builds `isMessage(x): x is M` from a table of shapes. Extra properties are refused (that is
 * also how an own `__proto__` or `constructor` key is refused), and the shape is looked up with
 * `Object.hasOwn` so a `type` of `toString` or `__proto__` finds nothing.
 */
export function messageGuard<M extends { readonly type: string }>(shapes: MessageShapes<M>): (x: unknown) => x is M {
  const table = shapes as unknown as Record<string, Record<string, FieldCheck>>;
  return (x: unknown): x is M => {
    if (!isPlainRecord(x)) return false;
    const type = x.type;
    if (typeof type !== 'string' || type.length > MAX_TYPE_LENGTH || !Object.hasOwn(table, type)) return false;
    const fields = table[type]!;
    const keys = Object.getOwnPropertyNames(x);
    if (keys.some((key) => key !== 'type' && !Object.hasOwn(fields, key))) return false;
    return Object.keys(fields).every((key) => Object.hasOwn(x, key) && fields[key]!(x[key]));
  };
}

/** A short, safe description of a refused message for the log: never the whole payload. */
export function describeRejected(x: unknown): string {
  if (!isPlainRecord(x)) return Array.isArray(x) ? 'an array' : x === null ? 'null' : `a ${typeof x}`;
  const type = typeof x.type === 'string' ? JSON.stringify(x.type.slice(0, MAX_TYPE_LENGTH)) : 'no string type';
  return `type ${type}, keys ${JSON.stringify(Object.getOwnPropertyNames(x).slice(0, 8).map((k) => k.slice(0, 20)))}`;
}
