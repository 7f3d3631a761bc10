import assert from 'node:assert/strict';
import { contentSecurityPolicy, escapeHtml, makeNonce, renderShell } from '../../../src/webview/csp';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function shell(nonce = makeNonce(), title = 'Code Review Queue'): string {
  return renderShell({
    cspSource: SOURCE, nonce, title,
    codiconStylesheet: `${SOURCE}/ext/media/dist/codicon.css`,
    stylesheets: [`${SOURCE}/ext/media/panel.css`, `${SOURCE}/ext/media/queue.css`],
    script: `${SOURCE}/ext/media/dist/queue.js`,
  });
}

function policyOf(html: string): string {
  const match = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(match, 'the shell carries a CSP meta tag');
  return match[1]!;
}

describe('contentSecurityPolicy', () => {
  it('is the strict policy: nothing by default, scripts by nonce only', () => {
    const nonce = makeNonce();
    const csp = contentSecurityPolicy(SOURCE, nonce);
    assert.equal(csp, `default-src 'none'; img-src ${SOURCE} https: data:; style-src ${SOURCE} 'nonce-${nonce}'; font-src ${SOURCE}; script-src 'nonce-${nonce}'; require-trusted-types-for 'script'; trusted-types lit-html;`);
    assert.ok(!csp.includes('unsafe-inline'));
    assert.ok(!csp.includes('unsafe-eval'));
    assert.ok(!/script-src[^;]*(https:|\*|vscode-resource)/.test(csp), 'scripts only by nonce');
  });

  it('refuses a weak nonce or a source that could inject directives', () => {
    assert.throws(() => contentSecurityPolicy(SOURCE, ''));
    assert.throws(() => contentSecurityPolicy(SOURCE, "abc' 'unsafe-inline"));
    assert.throws(() => contentSecurityPolicy(`${SOURCE}; script-src *`, makeNonce()));
    assert.throws(() => contentSecurityPolicy(`${SOURCE} 'unsafe-inline'`, makeNonce()));
    assert.doesNotThrow(() => contentSecurityPolicy("'self' https://*.vscode-cdn.net", makeNonce()), 'code-server gives two sources');
  });
});

describe('makeNonce', () => {
  it('is 128 random bits in base64, different every call', () => {
    const nonces = new Set(Array.from({ length: 200 }, makeNonce));
    assert.equal(nonces.size, 200);
    for (const n of nonces) assert.match(n, /^[A-Za-z0-9+/]{22}==$/);
  });
});

describe('renderShell', () => {
  it('puts the nonce in the policy and on every script and stylesheet', () => {
    const nonce = makeNonce();
    const html = shell(nonce);
    assert.ok(policyOf(html).includes(`'nonce-${nonce}'`));
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    assert.equal(scripts.length, 1);
    for (const tag of scripts) {
      assert.ok(tag.includes(`nonce="${nonce}"`), tag);
      assert.ok(tag.includes('src="'), 'no inline script');
    }
    const links = html.match(/<link\b[^>]*>/g) ?? [];
    assert.equal(links.length, 3);
    for (const tag of links) assert.ok(tag.includes(`nonce="${nonce}"`), tag);
    assert.ok(html.includes('id="vscode-codicon-stylesheet"'), 'vscode-icon finds the codicon stylesheet by this id');
    assert.ok(!/\son\w+=/i.test(html), 'no inline event handlers');
    assert.ok(!/<style/i.test(html), 'no inline styles');
    assert.ok(!/style="/i.test(html), 'no style attributes');
  });

  it('uses a different nonce for every load', () => {
    const a = policyOf(shell());
    const b = policyOf(shell());
    assert.notEqual(a, b);
  });

  it('escapes what it interpolates', () => {
    const html = shell(makeNonce(), '</title><script>alert(1)</script>');
    assert.ok(!html.includes('<script>alert(1)'));
    assert.equal(escapeHtml(`<a href="x">&</a>`), '&#60;a href=&#34;x&#34;&#62;&#38;&#60;/a&#62;');
  });
});
