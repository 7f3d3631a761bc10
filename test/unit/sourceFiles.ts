/** The repository's source files, for the unit tests that scan them (ids, l10n, date formats). */
import fs from 'node:fs';
import path from 'node:path';

/** The checkout's root: the nearest folder above this bundle with a package.json (tests run from dist/test/unit/…). */
export const REPO_ROOT = ((): string => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${__dirname}`);
  }
})();

/** Every `.ts` file below `dir`, recursively. */
export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The source files esbuild put in one output of the extension build (its metafile, dist/meta.json; needs `node esbuild.mjs`). */
export function bundleInputs(output: string): string[] {
  const meta = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'dist', 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const built = meta.outputs[`dist/${output}`];
  if (!built) throw new Error(`the build wrote no dist/${output}`);
  return Object.keys(built.inputs);
}
