/**
 * The webviews' strings come from the host: the shell embeds the panel's table, `hostText` reads
 * it, and no webview script spells a visible English string of its own.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { makeNonce, renderShell } from '../../../../src/webview/csp';
import { TEXT_ELEMENT_ID } from '../../../../src/webview/protocol';
import { fill, parseHostText } from '../../../../webview-src/shared/text';
import { REPO_ROOT, sourceFiles } from '../../sourceFiles';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function shell(parts: { lang?: string; text?: Record<string, string> }, nonce = makeNonce()): string {
  return renderShell({
    cspSource: SOURCE, nonce, title: 'Time Balance', codiconStylesheet: `${SOURCE}/codicon.css`, stylesheets: [], script: `${SOURCE}/balance.js`, ...parts,
  });
}

/** The JSON block's text, as `document.getElementById(TEXT_ELEMENT_ID).textContent` reads it (a script element's text is raw). */
function embedded(html: string, nonce: string): string | null {
  const match = new RegExp(`<script type="application/json" id="${TEXT_ELEMENT_ID}" nonce="${nonce.replace(/[+/=]/g, '\\$&')}">([^<]*)</script>`).exec(html);
  return match ? match[1]! : null;
}

describe('webview text from the host', () => {
  it('embeds the table as JSON with the nonce, which no string in it can end or turn into markup', () => {
    const nonce = makeNonce();
    const table = { title: 'Zeitbilanz', evil: '</script><script>alert(1)</script><!--', lines: 'a\u2028b\u2029c', amp: 'a & b' };
    const html = shell({ lang: 'de', text: table }, nonce);
    const json = embedded(html, nonce);
    assert.ok(json !== null, 'the JSON block is there, with the nonce');
    assert.deepEqual(JSON.parse(json), table);
    assert.equal(html.match(/<\/script>/g)?.length, 2, 'the JSON block and the app script, nothing the table closed');
    assert.match(html, /<html lang="de">/);
    assert.deepEqual(parseHostText(json, ['title', 'evil'] as const), { title: 'Zeitbilanz', evil: table.evil });
  });

  it('shows the loading line from the table, and keeps lang to a language tag', () => {
    assert.match(shell({ text: { loading: 'Wird geladen…', noScript: 'Skripte <aus>' } }), /<p class="loading">Wird geladen…<\/p>[\s\S]*<noscript>Skripte &#60;aus&#62;<\/noscript>/);
    assert.match(shell({ lang: 'zh-cn' }), /<html lang="zh-cn">/);
    assert.match(shell({ lang: 'de"><script>' }), /<html lang="en">/);
    assert.ok(!shell({}).includes(TEXT_ELEMENT_ID), 'no table, no block');
  });

  it('reads each key as a string, and marks a missing or malformed one instead of failing', () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    try {
      assert.deepEqual(parseHostText('{"a":"A","b":2}', ['a', 'b', 'constructor'] as const), { a: 'A', b: '⟨b⟩', constructor: '⟨constructor⟩' });
      assert.deepEqual(parseHostText('not json', ['a'] as const), { a: '⟨a⟩' });
      assert.deepEqual(parseHostText('["a"]', ['a'] as const), { a: '⟨a⟩' });
      assert.deepEqual(parseHostText(null, ['a'] as const), { a: '⟨a⟩' });
      assert.equal(errors.length, 4, 'each gap is logged');
    } finally {
      console.error = original;
    }
  });

  it('fills {0}, {1} as vscode.l10n.t does, leaving a placeholder without an argument', () => {
    assert.equal(fill('Technisch {0}% · Ziel {1}%', 70, '60'), 'Technisch 70% · Ziel 60%');
    assert.equal(fill('{1} before {0}', 'a', 'b'), 'b before a');
    assert.equal(fill('{0} and {2}', 'a'), 'a and {2}');
  });
});

/**
 * Webview scripts that still spell English, each to move to a table like `src/balance/webviewText.ts`
 * (none left: the queue's moved to `src/queue/webviewText.ts`). The second test fails when one is
 * done and still listed.
 */
const NOT_YET: readonly string[] = [];

/** Attributes whose values are read or heard by the lead. */
const VISIBLE_ATTRIBUTES = new Set(['title', 'placeholder', 'aria-label', 'label', 'alt']);
/** Words in a string: an English phrase (a capitalised word, or two words), not an id, a class list or a CSS value. */
const looksLikeProse = (s: string): boolean => /[A-Z][a-z]{2,}|\b[a-z]{2,} [a-z]{2,}\b.*\b[a-z]{2,}\b|[a-z]{3,}[.…:]$|^[a-z]{3,}$/.test(s.trim());

/**
 * `file:line "text"` of each literal a webview script shows: a child of `h(…)`, a visible
 * attribute's value, what is assigned to `textContent`, `title` or `label`, and the label of a
 * button, section, list or tag helper. Class names, ids, types and message fields are not text.
 */
function visibleLiterals(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const report = (node: ts.Node): void => {
    const pieces = ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? [node.text]
      : ts.isTemplateExpression(node) ? [node.head.text, ...node.templateSpans.map((s) => s.literal.text)]
        : [];
    const prose = pieces.filter((p) => /[A-Za-z]{2,}/.test(p) && (looksLikeProse(p) || p.trim().includes(' ')));
    if (prose.length) found.push(`${path.relative(REPO_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${JSON.stringify(prose.join('…'))}`);
  };
  /** The literal itself, or the literals a conditional, `??`/`||` or array can yield. */
  const shown = (node: ts.Expression | undefined): void => {
    if (!node) return;
    if (ts.isParenthesizedExpression(node)) shown(node.expression);
    else if (ts.isConditionalExpression(node)) { shown(node.whenTrue); shown(node.whenFalse); }
    else if (ts.isBinaryExpression(node) && [ts.SyntaxKind.QuestionQuestionToken, ts.SyntaxKind.BarBarToken].includes(node.operatorToken.kind)) { shown(node.left); shown(node.right); }
    else if (ts.isArrayLiteralExpression(node)) node.elements.forEach((e) => shown(e));
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node)) report(node);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const name = node.expression.text;
      if (name === 'h') node.arguments.slice(2).forEach(shown);
      // Helpers whose second argument is a label: button(command, label, …), section(id, heading), list(items, empty, …),
      // select(id, label, …), setLabel(element, label); tag(text), hintedTag(text, hint) and actionButton(action, icon, text, label) show more.
      if (['button', 'section', 'list', 'totalCard', 'select', 'checkbox', 'setLabel'].includes(name)) shown(node.arguments[1]);
      if (name === 'tag') shown(node.arguments[0]);
      if (name === 'hintedTag') node.arguments.slice(0, 2).forEach(shown);
      if (name === 'actionButton') node.arguments.slice(2, 4).forEach(shown);
      // setAttr(element, 'title', value), as element.setAttribute('title', value).
      if (name === 'setAttr' && node.arguments[1] && ts.isStringLiteral(node.arguments[1]) && VISIBLE_ATTRIBUTES.has(node.arguments[1].text)) shown(node.arguments[2]);
    }
    if (ts.isPropertyAssignment(node) && VISIBLE_ATTRIBUTES.has(ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) ? node.name.text : '')) shown(node.initializer);
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'setAttribute'
      && node.arguments[0] && ts.isStringLiteral(node.arguments[0]) && VISIBLE_ATTRIBUTES.has(node.arguments[0].text)) shown(node.arguments[1]);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)
      && ['textContent', 'title', 'label', 'placeholder', 'innerText'].includes(node.left.name.text)) shown(node.right);
    if (ts.isReturnStatement(node) || ts.isCaseClause(node)) {
      // A function that returns a sentence (balanceText, stateText…) is showing it.
      const expr = ts.isReturnStatement(node) ? node.expression : undefined;
      if (expr && ts.isTemplateExpression(expr)) report(expr);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('webview scripts spell no English', () => {
  const files = () => sourceFiles(path.join(REPO_ROOT, 'webview-src'));

  it('no webview script shows a literal string: its strings come from the host table', () => {
    const all = files();
    assert.ok(all.length > 10, `read ${all.length} files`);
    const checked = all.filter((f) => !NOT_YET.includes(path.relative(REPO_ROOT, f).split(path.sep).join('/')));
    assert.deepEqual(checked.flatMap(visibleLiterals), []);
  });

  it('every file still listed as not yet converted exists and still has English in it (else take it off the list)', () => {
    for (const file of NOT_YET) {
      const full = path.join(REPO_ROOT, file);
      if (!fs.existsSync(full)) continue;
      assert.ok(visibleLiterals(full).length > 0, `${file} spells no English any more: remove it from NOT_YET`);
    }
  });

  it('finds a child text, a visible attribute, an assigned text and a returned sentence, and not ids, classes or types', () => {
    const probe = path.join(REPO_ROOT, 'dist', 'webview-text-probe.ts');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    fs.writeFileSync(probe, [
      "h('p', { class: 'muted hint', id: 'tags-empty', type: 'button' }, 'No time tracked today.');",
      "h('input', { placeholder: 'New action item', 'aria-label': text.newItem });",
      'el.textContent = `Updated ${when}`;',
      "button('finish', 'Finish review', 'check-all');",
      "const x = e.end ?? 'running';",
      'function f(): string { return `${a} — on target`; }',
      "h('td', {}, e.end ?? 'running');",
      "channel.post({ type: 'markGroupRead', reason: 'review_requested' });",
      "setAttr(td, 'title', `${n} commits since your review`); setAttr(td, 'class', 'sla-badge sla-ok');",
      "actionButton('open', 'link-external', 'Open', `Open ${pr} in the browser`); setLabel(icon, 'No CI');",
      "hintedTag('team', 'Requested from one of your teams'); select('filter-ci', 'CI state', choices, 'any');",
    ].join('\n'));
    try {
      assert.deepEqual(visibleLiterals(probe).map((f) => f.replace(/^.*?:(\d+) /, '$1 ')), [
        '1 "No time tracked today."', '2 "New action item"', '3 "Updated "', '4 "Finish review"', '6 " — on target"', '7 "running"',
        '9 " commits since your review"', '10 "Open"', '10 "Open … in the browser"', '10 "No CI"',
        '11 "team"', '11 "Requested from one of your teams"', '11 "CI state"',
      ]);
    } finally {
      fs.rmSync(probe);
    }
  });
});
