import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dueFromBody, issueDue, withDueLine } from '../../../src/core/issueDue';

describe('issue due dates', () => {
  describe('dueFromBody', () => {
    it('reads a Due: line anywhere in the body', () => {
      assert.equal(dueFromBody('Due: 2026-12-04'), '2026-12-04');
      assert.equal(dueFromBody('Some context.\n\ndue:2026-01-31\nMore.'), '2026-01-31');
      assert.equal(dueFromBody('Context\r\n  DUE:   2026-03-01 (before the freeze)\r\n'), '2026-03-01');
    });

    it('accepts a list item and bold, as people write it in Markdown', () => {
      assert.equal(dueFromBody('- **Due:** 2026-05-02'), '2026-05-02');
      assert.equal(dueFromBody('* Due: 2026-05-03'), '2026-05-03');
      assert.equal(dueFromBody('__Due__: 2026-05-04'), '2026-05-04');
    });

    it('ignores dates that are not a Due: line, or not a real day', () => {
      assert.equal(dueFromBody(null), null);
      assert.equal(dueFromBody(undefined), null);
      assert.equal(dueFromBody(''), null);
      assert.equal(dueFromBody('We are overdue: 2026-05-02 was the plan'), null, 'not at the start of a line');
      assert.equal(dueFromBody('Released 2026-05-02'), null);
      assert.equal(dueFromBody('Due: 2026-02-30'), null);
      assert.equal(dueFromBody('Due: 2026-05-021'), null);
      assert.equal(dueFromBody('Due: soon'), null);
      assert.equal(dueFromBody('    Due: 2026-05-02'), null, 'an indented code block is not a line of the issue');
    });

    it('takes the first valid line', () => {
      assert.equal(dueFromBody('Due: 2026-02-30\nDue: 2026-06-01\nDue: 2026-07-01'), '2026-06-01');
    });

    it('never throws and returns a yyyy-MM-dd date or null, whatever the body', () => {
      fc.assert(fc.property(fc.string({ maxLength: 200 }), (body) => {
        const d = dueFromBody(body);
        return d === null || /^\d{4}-\d{2}-\d{2}$/.test(d);
      }));
    });
  });

  describe('issueDue', () => {
    it('lets the body line win over the milestone', () => {
      assert.deepEqual(issueDue({ body: 'Due: 2026-12-01', milestoneDueOn: '2026-12-20T08:00:00Z' }), { date: '2026-12-01', source: 'body' });
    });

    it("falls back to the milestone's UTC day", () => {
      assert.deepEqual(issueDue({ body: 'No date here', milestoneDueOn: '2026-12-20T08:00:00Z' }), { date: '2026-12-20', source: 'milestone' });
      assert.deepEqual(issueDue({ body: null, milestoneDueOn: '2026-12-20T00:00:00Z' }), { date: '2026-12-20', source: 'milestone' });
    });

    it('is null without either, or with an unreadable milestone date', () => {
      assert.equal(issueDue({ body: 'x', milestoneDueOn: null }), null);
      assert.equal(issueDue({}), null);
      assert.equal(issueDue({ milestoneDueOn: 'next week' }), null);
    });
  });

  describe('withDueLine', () => {
    it('appends a line to a body without one, and makes a body of an empty one', () => {
      assert.equal(withDueLine('Context.\n', '2026-12-04'), 'Context.\n\nDue: 2026-12-04');
      assert.equal(withDueLine(null, '2026-12-04'), 'Due: 2026-12-04');
    });

    it('replaces the existing line and keeps the rest', () => {
      assert.equal(withDueLine('A\n- **Due:** 2026-01-01\nB', '2026-12-04'), 'A\nDue: 2026-12-04\nB');
    });

    it('round-trips through dueFromBody', () => {
      fc.assert(fc.property(fc.string({ maxLength: 100 }), fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (body, d) => {
        const date = d.toISOString().slice(0, 10);
        return dueFromBody(withDueLine(body, date)) === date;
      }));
    });
  });
});
