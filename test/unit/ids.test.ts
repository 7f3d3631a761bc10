/**
 * Each command id in src/ids.ts names where it is handled: `/** {@link work/workCommands#registerWorkCommands} *\/`
 * above the entry, a path under src/ (without `.ts`) and a name that file exports. The test fails
 * when an entry has no such link, when the file or the export does not exist, or when that export
 * does not register the command (the link went stale after a move).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './sourceFiles';

interface CommandEntry { readonly group: string; readonly key: string; readonly links: readonly string[] }

/** The entries of every `export const …Commands = { … }` in `file`, with the `{@link …}` targets of their doc comments. */
function commandEntries(file: string): CommandEntry[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const entries: CommandEntry[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const decl of statement.declarationList.declarations) {
      if (!ts.isIdentifier(decl.name) || !/Commands$/.test(decl.name.text) || !decl.initializer) continue;
      const init = ts.isAsExpression(decl.initializer) ? decl.initializer.expression : decl.initializer;
      if (!ts.isObjectLiteralExpression(init)) continue;
      for (const prop of init.properties) {
        if (!ts.isPropertyAssignment(prop) || !ts.isIdentifier(prop.name)) continue;
        const comments = (ts.getLeadingCommentRanges(text, prop.getFullStart()) ?? [])
          .map((r) => text.slice(r.pos, r.end))
          .filter((c) => c.startsWith('/**'));
        const links = comments.flatMap((c) => [...c.matchAll(/\{@link\s+([^\s}|]+)/g)].map((m) => m[1]!));
        entries.push({ group: decl.name.text, key: prop.name.text, links });
      }
    }
  }
  return entries;
}

/** The source text of what `file` exports as `name` (a function, class or const), or null. */
function exportedDeclaration(file: string, name: string): string | null {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  for (const statement of source.statements) {
    if (!(ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))) continue;
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) return statement.getText(source);
    if (ts.isVariableStatement(statement) && statement.declarationList.declarations.some((d) => ts.isIdentifier(d.name) && d.name.text === name)) return statement.getText(source);
  }
  return null;
}

/** Why `link` is not the handler of `group.key`, or null when it is. */
function linkProblem(srcRoot: string, entry: CommandEntry, link: string): string | null {
  const [modulePath, name] = link.split('#');
  if (!modulePath || !name) return `{@link ${link}} is not "path/under/src#exportedName"`;
  const file = path.join(srcRoot, `${modulePath}.ts`);
  if (!fs.existsSync(file)) return `{@link ${link}}: no file src/${modulePath}.ts`;
  const declaration = exportedDeclaration(file, name);
  if (declaration === null) return `{@link ${link}}: src/${modulePath}.ts exports no ${name}`;
  const registers = new RegExp(`registerCommand\\(\\s*${entry.group}\\.${entry.key}\\b`);
  if (!registers.test(declaration)) return `{@link ${link}}: ${name} does not register ${entry.group}.${entry.key}`;
  return null;
}

function problems(srcRoot: string, idsFile: string): string[] {
  return commandEntries(idsFile).flatMap((entry) => {
    const where = `${entry.group}.${entry.key}`;
    if (entry.links.length === 0) return [`${where} has no {@link …} to its handler`];
    return entry.links.flatMap((link) => {
      const problem = linkProblem(srcRoot, entry, link);
      return problem === null ? [] : [`${where}: ${problem}`];
    });
  });
}

describe('ids', () => {
  const srcRoot = path.join(REPO_ROOT, 'src');

  it('every command id links the exported function or class that registers it', () => {
    const entries = commandEntries(path.join(srcRoot, 'ids.ts'));
    assert.ok(entries.length >= 25, `read only ${entries.length} command ids`);
    assert.deepEqual(problems(srcRoot, path.join(srcRoot, 'ids.ts')), []);
  });

  it('reports a missing link, a missing file, a missing export and an export that does not register the command', () => {
    const dir = path.join(REPO_ROOT, 'dist', 'ids-links-probe');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'feature'), { recursive: true });
    try {
      fs.writeFileSync(path.join(dir, 'feature', 'index.ts'), [
        'export function register(): void { vscode.commands.registerCommand(Commands.linked, () => undefined); }',
        'export function other(): void { vscode.commands.registerCommand(Commands.wrongExport, () => undefined); }',
        'function hidden(): void { vscode.commands.registerCommand(Commands.notExported, () => undefined); }',
      ].join('\n'));
      fs.writeFileSync(path.join(dir, 'ids.ts'), [
        'export const Commands = {',
        '  /** {@link feature/index#register} */',
        "  linked: 'x.linked',",
        '  /** Says what it does, links nothing. */',
        "  unlinked: 'x.unlinked',",
        '  /** {@link feature/missing#register} */',
        "  noFile: 'x.noFile',",
        '  /** {@link feature/index#hidden} */',
        "  notExported: 'x.notExported',",
        '  /** {@link feature/index#register} */',
        "  wrongExport: 'x.wrongExport',",
        '} as const;',
      ].join('\n'));
      assert.deepEqual(problems(dir, path.join(dir, 'ids.ts')), [
        'Commands.unlinked has no {@link …} to its handler',
        'Commands.noFile: {@link feature/missing#register}: no file src/feature/missing.ts',
        'Commands.notExported: {@link feature/index#hidden}: src/feature/index.ts exports no hidden',
        'Commands.wrongExport: {@link feature/index#register}: register does not register Commands.wrongExport',
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
