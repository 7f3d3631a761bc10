/**
 * Every Lead Desk id lives in src/ids.ts (and package.json): no string in src/ or webview-src/
 * spells `leadDesk.` itself. Comments may; only string and template literals count.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT, sourceFiles } from '../sourceFiles';

const root = REPO_ROOT;

/** `file:line text` of every literal that spells an id. */
function literalIds(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const check = (node: ts.Node, text: string) => {
    if (!/leadDesk\./.test(text)) return;
    const { line } = source.getLineAndCharacterOfPosition(node.getStart());
    found.push(`${path.relative(root, file)}:${line + 1} ${JSON.stringify(text)}`);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) check(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      check(node.head, node.head.text);
      for (const span of node.templateSpans) check(span.literal, span.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('ids in one place', () => {
  it('no string outside src/ids.ts spells a leadDesk. id', () => {
    const files = [...sourceFiles(path.join(root, 'src')), ...sourceFiles(path.join(root, 'webview-src'))]
      .filter((f) => path.relative(root, f) !== path.join('src', 'ids.ts'));
    assert.ok(files.length > 50, `read ${files.length} files`);
    assert.deepEqual(files.flatMap(literalIds), []);
  });

  it('finds an id spelled in a string or a template, and not in a comment', () => {
    const probe = path.join(root, 'dist', 'ids-probe.ts');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    fs.writeFileSync(probe, "// leadDesk.inAComment\nconst a = 'leadDesk.x';\nconst b = `${a}leadDesk.y${a}`;\n");
    try {
      assert.equal(literalIds(probe).length, 2);
    } finally {
      fs.rmSync(probe);
    }
  });
});
