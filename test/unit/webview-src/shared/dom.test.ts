import assert from 'node:assert/strict';
import { checkAttribute, checkTag } from '../../../../webview-src/shared/dom';

describe('webview dom attribute policy', () => {
  it('allows ordinary attributes and http(s) links', () => {
    for (const [name, value] of [['class', 'a b'], ['data-repo', 'o/r'], ['aria-label', '<b>x</b>'], ['title', 'javascript:alert(1)'],
      ['href', 'https://github.com/o/r'], ['tabindex', '0'], ['value', 'x" onerror="alert(1)']]) {
      assert.doesNotThrow(() => checkAttribute(name!, value!), `${name}=${value}`);
    }
  });

  it('refuses event handlers, inline styles and srcdoc', () => {
    for (const name of ['onclick', 'ONERROR', 'onmouseover', 'style', 'srcdoc']) assert.throws(() => checkAttribute(name, 'x'), name);
  });

  it('refuses script and data URLs, however they are disguised', () => {
    for (const value of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'java\nscript:x', '\u0001javascript:x', 'vbscript:x', 'data:text/html,x']) {
      for (const name of ['href', 'src', 'formaction', 'xlink:href', 'action']) assert.throws(() => checkAttribute(name, value), `${name}=${JSON.stringify(value)}`);
    }
  });

  it('refuses malformed attribute names and dangerous elements', () => {
    for (const name of ['', 'a b', 'x"y', '>', '1abc']) assert.throws(() => checkAttribute(name, 'x'), JSON.stringify(name));
    for (const tag of ['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'img src=x', '']) assert.throws(() => checkTag(tag), tag);
    for (const tag of ['div', 'td', 'vscode-button']) assert.doesNotThrow(() => checkTag(tag));
  });
});
