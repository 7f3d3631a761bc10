import assert from 'node:assert/strict';
import { isAllowedLink, normalizeHost } from '../../../src/webview/links';

describe('isAllowedLink', () => {
  it('allows http(s) links on the configured web host', () => {
    assert.ok(isAllowedLink('https://github.com/octo/repo/pull/12', 'github.com'));
    assert.ok(isAllowedLink('https://GitHub.com/octo/repo/pull/12#discussion', 'github.com'));
    assert.ok(isAllowedLink('http://127.0.0.1:8123/octo/repo/pull/1', '127.0.0.1:8123'));
    assert.ok(isAllowedLink('https://ghe.example.com/a/b/pull/3', 'https://GHE.example.com/'));
  });

  it('refuses other schemes', () => {
    for (const url of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd',
      'vscode://some.extension/run', 'command:workbench.action.terminal.new', 'ftp://github.com/x', 'mailto:a@github.com']) {
      assert.equal(isAllowedLink(url, 'github.com'), false, url);
    }
  });

  it('refuses other and look-alike hosts', () => {
    for (const url of ['https://evil.example/github.com', 'https://github.com.evil.example/x', 'https://evilgithub.com/x',
      'https://gist.github.com/x', 'https://api.github.com/repos', 'https://github.com:8443/x', 'https://xn--gthub-cta.com/x',
      'https://github.com@evil.example/x', 'https://user:pass@github.com/x', '//github.com/x', '/octo/repo', 'github.com/octo/repo',
      'https:github.com/octo/repo', 'https:/github.com/octo/repo', 'https://evil.example\\@github.com/']) {
      assert.equal(isAllowedLink(url, 'github.com'), false, url);
    }
  });

  it('refuses whitespace, control characters and over-long URLs', () => {
    for (const url of [' https://github.com/x', 'https://github.com/x\n', 'https://git\thub.com/x', 'https://github.com/\u0000x', '',
      `https://github.com/${'a'.repeat(3000)}`]) {
      assert.equal(isAllowedLink(url, 'github.com'), false, JSON.stringify(url.slice(0, 40)));
    }
  });

  it('refuses non-strings and an unusable host', () => {
    for (const url of [undefined, null, 42, { href: 'https://github.com' }]) assert.equal(isAllowedLink(url, 'github.com'), false);
    assert.equal(isAllowedLink('https://github.com/x', ''), false);
    assert.equal(isAllowedLink('https://github.com/x', 'https://user@github.com'), false);
  });

  it('normalizes the configured host', () => {
    assert.equal(normalizeHost('GitHub.com'), 'github.com');
    assert.equal(normalizeHost('https://ghe.example.com:8443/api/v3'), 'ghe.example.com:8443');
    assert.equal(normalizeHost('  '), null);
  });
});
