/**
 * The import graph of the repository's TypeScript sources, for the unit tests that guard the
 * layering (no import circle, features reach GitHub only through src/github/api.ts). Read from the
 * files' text: every `import … from`, `export … from`, `import '…'` and `import('…')`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, sourceFiles } from './sourceFiles';

export interface ImportEdge {
  /** The imported specifier as written: `../github/api`, `vscode`. */
  readonly spec: string;
  /** The imported file, relative to the repository root (`src/github/api.ts`); null for a package. */
  readonly file: string | null;
  /** `import type` / `export type`: gone from the bundle, but still a dependency between files. */
  readonly typeOnly: boolean;
}

const IMPORT = /(?:^|[;\n])\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Repository-relative, with forward slashes on every platform. */
const relative = (abs: string): string => path.relative(REPO_ROOT, abs).split(path.sep).join('/');

/** The graph of the `.ts` files below `dir` (relative to the repository root): file → its imports. */
export function importGraph(dir: string): Map<string, ImportEdge[]> {
  const files = sourceFiles(path.join(REPO_ROOT, dir)).filter((f) => !f.endsWith('.d.ts'));
  const known = new Set(files.map(relative));
  const resolve = (from: string, spec: string): string | null => {
    if (!spec.startsWith('.')) return null;
    const base = relative(path.resolve(path.dirname(path.join(REPO_ROOT, from)), spec));
    return [`${base}.ts`, `${base}/index.ts`, base].find((c) => known.has(c)) ?? null;
  };
  const graph = new Map<string, ImportEdge[]>();
  for (const abs of files) {
    const file = relative(abs);
    const text = fs.readFileSync(abs, 'utf8');
    const edges: ImportEdge[] = [];
    for (const m of text.matchAll(IMPORT)) {
      const spec = m[3] ?? m[4]!;
      edges.push({ spec, file: resolve(file, spec), typeOnly: m[2] !== undefined });
    }
    graph.set(file, edges);
  }
  return graph;
}

/** The import circles of `graph` (strongly connected components of more than one file, or a file importing itself), each sorted. */
export function importCircles(graph: ReadonlyMap<string, readonly ImportEdge[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const targets = (v: string) => [...new Set((graph.get(v) ?? []).flatMap((e) => (e.file !== null && graph.has(e.file) ? [e.file] : [])))];
  const strong = (v: string): void => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of targets(v)) {
      if (!index.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
    if (component.length > 1 || targets(v).includes(v)) circles.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strong(v);
  return circles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
