/**
 * A list of rows kept in step with data by key: a row whose data shows the same keeps its DOM
 * node (moved if the order changed), a changed row gets a new one, a gone row is removed. A first
 * render of many rows builds what fills the screen in one go and the rest in later tasks, so the
 * first frame does not wait for rows nobody sees yet.
 */

/** How many rows a later task adds: small enough to keep the page responsive while it fills. */
const CHUNK = 100;

interface Placed<T> {
  readonly row: T;
  readonly node: HTMLElement;
}

export interface KeyedRowsRender {
  /** Row nodes built (the others were kept). */
  readonly built: number;
  /** Rows now in the list. */
  readonly rows: number;
}

export class KeyedRows<T> {
  /** Every node that may be reused: the rows shown, and rows set aside by an unfinished render. */
  private readonly nodes = new Map<string, Placed<T>>();
  private readonly keyOf = new WeakMap<Node, string>();
  private pending: ReturnType<typeof setTimeout> | undefined;
  /** Counts renders: a later task of a render that was replaced does nothing. */
  private generation = 0;

  constructor(
    private readonly parent: HTMLElement,
    private readonly key: (row: T) => string,
    /** Whether two versions of a row show the same (then its node stays). */
    private readonly same: (a: T, b: T) => boolean,
    private readonly build: (row: T) => HTMLElement,
  ) {}

  /**
   * Shows `rows`, in order. Builds at most `budget` rows now (kept rows are free) and the rest in
   * later tasks; `done` runs once every row is in (not when a newer render replaced this one).
   */
  render(rows: readonly T[], budget: number, done: (result: KeyedRowsRender) => void): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    const generation = ++this.generation;
    const wanted = new Set<string>();
    const keys = new Set(rows.map(this.key));
    // A node whose row is gone, or was redrawn in a new node: not where the next row goes.
    const dead = (node: ChildNode) => {
      const k = this.keyOf.get(node);
      return k === undefined || !keys.has(k) || this.nodes.get(k)?.node !== node;
    };
    let built = 0;
    let cursor = this.parent.firstChild;
    let i = 0;
    for (; i < rows.length; i++) {
      while (cursor && dead(cursor)) {
        const next: ChildNode | null = cursor.nextSibling;
        cursor.remove();
        cursor = next;
      }
      const row = rows[i]!;
      const kept = this.reusable(row, wanted);
      if (!kept && built >= budget) break;
      const node = kept ?? this.fresh(row, wanted);
      if (!kept) built++;
      if (node === cursor) cursor = cursor.nextSibling;
      else this.parent.insertBefore(node, cursor);
    }
    // What follows the placed rows is stale, or waits for a later task: off the page either way.
    while (cursor) {
      const next: ChildNode | null = cursor.nextSibling;
      cursor.remove();
      cursor = next;
    }
    const finish = () => {
      for (const k of [...this.nodes.keys()]) if (!wanted.has(k)) this.nodes.delete(k);
      this.pending = undefined;
      done({ built, rows: rows.length });
    };
    if (i === rows.length) return finish();
    const more = () => {
      const fragment = document.createDocumentFragment();
      for (const end = Math.min(rows.length, i + CHUNK); i < end; i++) {
        const row = rows[i]!;
        const kept = this.reusable(row, wanted);
        if (!kept) built++;
        fragment.appendChild(kept ?? this.fresh(row, wanted));
      }
      this.parent.appendChild(fragment);
      if (i < rows.length) this.pending = setTimeout(more);
      else finish();
    };
    // The first frame shows what fills the screen before any of the rest is built.
    requestAnimationFrame(() => { if (generation === this.generation) this.pending = setTimeout(more); });
  }

  /** The row's node, when it has one that shows the same data. */
  private reusable(row: T, wanted: Set<string>): HTMLElement | undefined {
    const k = this.key(row);
    const placed = this.nodes.get(k);
    // A key seen twice in one render gets a node of its own (one node cannot be in two places).
    if (wanted.has(k) || !placed || !(placed.row === row || this.same(placed.row, row))) return undefined;
    wanted.add(k);
    this.nodes.set(k, { row, node: placed.node });
    return placed.node;
  }

  private fresh(row: T, wanted: Set<string>): HTMLElement {
    const k = this.key(row);
    const node = this.build(row);
    this.keyOf.set(node, k);
    if (!wanted.has(k)) {
      wanted.add(k);
      this.nodes.set(k, { row, node });
    }
    return node;
  }
}

/**
 * Whether two rows of plain data (what a host message carries) are equal field by field, nested
 * values included; a field in `shown` is compared as it is displayed (a wait of 3h 10m that grew
 * by a second still reads "3h 10m").
 */
export function sameFields<T extends object>(a: T, b: T, shown: { readonly [K in keyof T]?: (value: T[K]) => unknown } = {}): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    if (!Object.hasOwn(b, k)) return false;
    const display = shown[k];
    return display ? display(a[k]) === display(b[k]) : sameValue(a[k], b[k]);
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  return sameFields(a, b);
}
