/**
 * Every user-facing string in src/ goes through vscode.l10n.t: l10n/bundle.l10n.json is what
 * `npm run l10n` exports from the sources today, and no notification is built from a bare literal.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT, sourceFiles } from '../sourceFiles';

const root = REPO_ROOT;

/** The bundle the l10n tool exports from `dir` (empty when it finds no string). */
function exportBundle(dir: string): Record<string, unknown> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'lead-desk-l10n-'));
  try {
    const cli = path.join(root, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js');
    execFileSync(process.execPath, [cli, 'export', '--outDir', out, dir], { cwd: root, stdio: 'pipe' });
    const file = path.join(out, 'bundle.l10n.json');
    return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

const isL10nCall = (node: ts.Expression): boolean =>
  ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText());

/** `file:line` of every `vscode.window.show…Message(` whose message is a literal, not `vscode.l10n.t(…)`. */
function literalNotifications(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && /window\s*\.\s*show(Information|Warning|Error)Message$/.test(node.expression.getText())) {
      const first = node.arguments[0];
      const literal = first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first) || ts.isTemplateExpression(first));
      if (literal && !isL10nCall(first)) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${path.relative(root, file)}:${line + 1}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('l10n', () => {
  it('l10n/bundle.l10n.json holds exactly the strings src/ passes to vscode.l10n.t (run `npm run l10n`)', function () {
    this.timeout(60_000);
    const committed = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
    const exported = exportBundle(path.join(root, 'src'));
    assert.ok(Object.keys(exported).length > 50, `exported ${Object.keys(exported).length} strings`);
    assert.deepEqual(Object.keys(committed).sort(), Object.keys(exported).sort());
    assert.deepEqual(committed, exported);
  });

  it('package.json points VS Code at the l10n folder', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { l10n?: string };
    assert.equal(pkg.l10n, './l10n');
  });

  it('no notification in src/ shows a bare string or template literal', () => {
    const files = sourceFiles(path.join(root, 'src'));
    assert.ok(files.length > 50, `read ${files.length} files`);
    assert.deepEqual(files.flatMap(literalNotifications), []);
  });

  it('finds a literal notification and lets a vscode.l10n.t one through', () => {
    const probe = path.join(root, 'dist', 'l10n-probe.ts');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    fs.writeFileSync(
      probe,
      [
        "void vscode.window.showInformationMessage('plain');",
        'void vscode.window.showErrorMessage(`tpl ${x}`);',
        "void vscode.window.showWarningMessage(vscode.l10n.t('fine {0}', x), 'Open');",
        'void vscode.window.showWarningMessage(text);',
      ].join('\n'),
    );
    try {
      assert.deepEqual(literalNotifications(probe).map((f) => f.split(':').pop()), ['1', '2']);
    } finally {
      fs.rmSync(probe);
    }
  });
});
