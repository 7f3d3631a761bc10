/** Which credential goes where: a token stays on its origin, VS Code's account only on github.com. */
import assert from 'node:assert/strict';
import { legacySecretKeyFor, mayUseVsCodeSession, scopesFor, secretKeyFor } from '../../../../src/github/session/sessionRules';
import { parseSettings } from '../../../../src/settings';

describe('session rules', () => {
  it('keys tokens by scheme, host and port', () => {
    const keys = ['https://ghe.example.com/api/v3', 'http://127.0.0.1:8443', 'https://127.0.0.1:8443', 'https://ghe.example.com:8443/api/v3'].map(secretKeyFor);
    assert.equal(new Set(keys).size, keys.length, keys.join(', '));
    assert.equal(secretKeyFor('https://ghe.example.com/api/v3'), secretKeyFor('https://ghe.example.com/other'));
  });

  it('moves a host-keyed token only to the https origin', () => {
    assert.equal(legacySecretKeyFor('https://ghe.example.com/api/v3'), 'leadDesk.github.token@ghe.example.com');
    assert.equal(legacySecretKeyFor('http://127.0.0.1:9000'), undefined);
  });

  it('uses VS Code\'s GitHub account for exactly https://api.github.com, and not after Sign Out', () => {
    assert.equal(mayUseVsCodeSession('https://api.github.com', false), true);
    assert.equal(mayUseVsCodeSession('https://api.github.com', true), false);
    for (const other of ['http://api.github.com', 'https://api.github.com/api/v3', 'https://api.github.com.evil.example', 'https://ghe.example.com/api/v3']) {
      assert.equal(mayUseVsCodeSession(other, false), false, other);
    }
    // What reaches it is a parsed setting: http://api.github.com never gets that far.
    assert.equal(mayUseVsCodeSession(parseSettings({ 'github.apiUrl': 'https://API.GITHUB.COM/' }).settings.apiUrl, false), true);
  });

  it('asks for the user scope only while the heads-down status is on', () => {
    assert.ok(!scopesFor({ githubStatus: false }).includes('user'));
    assert.ok(scopesFor({ githubStatus: true }).includes('user'));
    assert.ok(scopesFor({ githubStatus: false }).every((s) => scopesFor({ githubStatus: true }).includes(s)));
  });
});
