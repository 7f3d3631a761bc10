import assert from 'node:assert/strict';
import { isBalanceMessage } from '../../../src/balance/protocol';
import { isQueueMessage } from '../../../src/queue/protocol';
import { describeRejected, isPlainRecord, messageGuard, boundedString } from '../../../src/webview/messageGuard';

const valid = [
  { type: 'ready' },
  { type: 'open', url: 'https://github.com/o/r/pull/1' },
  { type: 'checkout', repo: 'octo-org/some.repo_1', number: 42 },
  { type: 'snooze', repo: 'o/r', number: 1, until: '2024-05-09' },
  { type: 'rendered', ms: 12.5, workMs: 4.1, rows: 500, allMs: 80.2, built: 1 },
];

describe('queue message guard', () => {
  it('accepts every well-formed message', () => {
    for (const m of valid) assert.ok(isQueueMessage(m), JSON.stringify(m));
    // Structured clone (postMessage) and JSON give the same plain objects.
    for (const m of valid) assert.ok(isQueueMessage(JSON.parse(JSON.stringify(m))));
  });

  it('refuses anything that is not a plain object', () => {
    for (const x of [null, undefined, 0, 'ready', true, [], [{ type: 'ready' }], () => 0, new Date(0)]) assert.equal(isQueueMessage(x), false, String(x));
  });

  it('refuses unknown, missing and non-string types', () => {
    for (const m of [{}, { type: 'export' }, { type: 'OPEN', url: 'https://github.com' }, { type: 42 }, { type: null }, { type: ['ready'] }, { type: 'x'.repeat(10_000) }]) {
      assert.equal(isQueueMessage(m), false, JSON.stringify(m).slice(0, 80));
    }
  });

  it('does not find a shape on Object.prototype', () => {
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      assert.equal(isQueueMessage({ type }), false, type);
    }
  });

  it('refuses missing fields and fields of the wrong type', () => {
    const bad: unknown[] = [
      { type: 'open' },
      { type: 'open', url: 42 },
      { type: 'open', url: { toString: () => 'https://github.com' } },
      { type: 'checkout', repo: 'o/r' },
      { type: 'checkout', number: 1 },
      { type: 'checkout', repo: 'o/r', number: '1' },
      { type: 'checkout', repo: 'o/r', number: 1.5 },
      { type: 'checkout', repo: 'o/r', number: -1 },
      { type: 'checkout', repo: 'o/r', number: 0 },
      { type: 'checkout', repo: 'o/r', number: Number.NaN },
      { type: 'checkout', repo: 'o/r', number: Number.POSITIVE_INFINITY },
      { type: 'checkout', repo: 'o/r', number: 2 ** 53 },
      { type: 'checkout', repo: 'o', number: 1 },
      { type: 'checkout', repo: 'o/r/x', number: 1 },
      { type: 'checkout', repo: 'o/r;rm -rf /', number: 1 },
      { type: 'checkout', repo: '../../etc/passwd', number: 1 },
      { type: 'checkout', repo: '-o/r', number: 1, extra: true },
      { type: 'snooze', repo: 'o/r', number: 1, until: 'tomorrow' },
      { type: 'snooze', repo: 'o/r', number: 1, until: '2024-05-09T00:00' },
      { type: 'snooze', repo: 'o/r', number: 1, until: 20240509 },
      { type: 'rendered', ms: -1, rows: 1, allMs: 1, built: 1, workMs: 1 },
      { type: 'rendered', ms: Number.NaN, rows: 1, allMs: 1, built: 1, workMs: 1 },
      { type: 'rendered', ms: 1, rows: 1.5, allMs: 1, built: 1, workMs: 1 },
      { type: 'rendered', ms: 1, rows: 1, allMs: Infinity, built: 1, workMs: 1 },
      { type: 'rendered', ms: 1, rows: 1, allMs: 1, built: -1, workMs: 1 },
      { type: 'rendered', ms: 1, rows: 1 },
      { type: 'rendered', ms: 1, workMs: -1, rows: 1, allMs: 1, built: 1 },
    ];
    for (const m of bad) assert.equal(isQueueMessage(m), false, JSON.stringify(m));
  });

  it('refuses over-long strings', () => {
    assert.equal(isQueueMessage({ type: 'open', url: `https://github.com/${'a'.repeat(3000)}` }), false);
    assert.equal(isQueueMessage({ type: 'checkout', repo: `${'o'.repeat(101)}/r`, number: 1 }), false);
    assert.equal(isQueueMessage({ type: 'checkout', repo: `o/${'r'.repeat(150)}`, number: 1 }), false);
  });

  it('refuses extra properties, including an own __proto__ and constructor', () => {
    assert.equal(isQueueMessage({ type: 'ready', extra: 1 }), false);
    assert.equal(isQueueMessage({ type: 'open', url: 'https://github.com/o/r', repo: 'o/r' }), false);
    assert.equal(isQueueMessage(JSON.parse('{"type":"ready","__proto__":{"polluted":true}}')), false);
    assert.equal(isQueueMessage(JSON.parse('{"type":"checkout","repo":"o/r","number":1,"constructor":{"prototype":{"x":1}}}')), false);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses prototype tricks: inherited fields, odd prototypes, getters and symbols', () => {
    const inherited = Object.create({ url: 'https://github.com/o/r' }) as Record<string, unknown>;
    inherited.type = 'open';
    assert.equal(isQueueMessage(inherited), false);
    class Message {
      type = 'ready';
    }
    assert.equal(isQueueMessage(new Message()), false);
    let read = false;
    const getter = { type: 'open', get url() { read = true; return 'https://github.com/o/r'; } };
    assert.equal(isQueueMessage(getter), false);
    assert.equal(read, false, 'a getter must not run');
    assert.equal(isQueueMessage({ type: 'ready', [Symbol('x')]: 1 }), false);
    const bare = Object.assign(Object.create(null) as object, { type: 'ready' });
    assert.equal(isQueueMessage(bare), true, 'a null-prototype record is still plain data');
    const hidden = { type: 'ready' };
    Object.defineProperty(hidden, 'secret', { value: 1, enumerable: false });
    assert.equal(isQueueMessage(hidden), false, 'non-enumerable extras count too');
  });
});

describe('balance message guard', () => {
  it('accepts ready and export with no fields, and rendered with its timing only', () => {
    assert.ok(isBalanceMessage({ type: 'ready' }));
    assert.ok(isBalanceMessage({ type: 'export' }));
    assert.ok(isBalanceMessage({ type: 'rendered', ms: 41.7, weeks: 8 }));
    assert.equal(isBalanceMessage({ type: 'rendered', ms: -1, weeks: 8 }), false);
    assert.equal(isBalanceMessage({ type: 'rendered', ms: 1, weeks: 8.5 }), false);
    assert.equal(isBalanceMessage({ type: 'rendered', ms: '1', weeks: 8 }), false);
    assert.equal(isBalanceMessage({ type: 'export', path: '/etc/passwd' }), false);
    assert.equal(isBalanceMessage({ type: 'open', url: 'https://github.com' }), false);
    assert.equal(isBalanceMessage({ type: 'rendered', ms: 1, rows: 1 }), false);
    assert.equal(isBalanceMessage(JSON.parse('{"type":"export","__proto__":{}}')), false);
  });
});

describe('messageGuard helpers', () => {
  it('builds a guard from shapes', () => {
    const guard = messageGuard<{ type: 'say'; text: string }>({ say: { text: boundedString(5) } });
    assert.ok(guard({ type: 'say', text: 'hello' }));
    assert.equal(guard({ type: 'say', text: 'hello!' }), false);
  });

  it('isPlainRecord accepts only data objects', () => {
    assert.ok(isPlainRecord({ a: 1 }));
    assert.equal(isPlainRecord([]), false);
    assert.equal(isPlainRecord(new Map()), false);
  });

  it('describes a refused message briefly, without its payload', () => {
    const text = describeRejected({ type: 'open', url: `https://evil.example/${'x'.repeat(5000)}` });
    assert.ok(text.length < 200, text);
    assert.ok(!text.includes('evil.example'));
    assert.equal(describeRejected(null), 'null');
    assert.equal(describeRejected([1]), 'an array');
  });
});
