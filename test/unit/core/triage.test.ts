import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isIncident, nextSeverityLabel, orderIncidents, severityRank } from '../../../src/core/triage';

const SEVERITY = ['sev1', 'sev2', 'sev3', 'incident'];

describe('severityRank', () => {
  it('is the index of the most severe label present, case-insensitively', () => {
    assert.equal(severityRank(['bug', 'SEV2'], SEVERITY), 1);
    assert.equal(severityRank(['incident', 'sev3', 'Sev1'], SEVERITY), 0);
    assert.equal(severityRank(['incident'], SEVERITY), 3);
  });

  it('ranks issues without a severity label after all others', () => {
    assert.equal(severityRank(['bug'], SEVERITY), 4);
    assert.equal(severityRank([], []), 0);
    assert.equal(isIncident(['bug'], SEVERITY), false);
    assert.equal(isIncident(['Incident'], SEVERITY), true);
  });
});

describe('orderIncidents', () => {
  it('orders by severity, then oldest first, unlabelled last', () => {
    const issues = [
      { n: 1, labels: ['sev3'], createdAt: 100 },
      { n: 2, labels: ['bug'], createdAt: 1 },
      { n: 3, labels: ['SEV1'], createdAt: 300 },
      { n: 4, labels: ['sev3', 'sev2'], createdAt: 200 },
      { n: 5, labels: ['sev1'], createdAt: 50 },
      { n: 6, labels: ['sev3'], createdAt: 90 },
    ];
    assert.deepEqual(orderIncidents(issues, SEVERITY).map((i) => i.n), [5, 3, 4, 6, 1, 2]);
  });

  it('is a total order consistent with the label list, independent of input order', () => {
    const label = fc.constantFrom('sev1', 'SEV2', 'sev3', 'Incident', 'bug', 'docs');
    const issue = fc.record({ labels: fc.array(label, { maxLength: 3 }), createdAt: fc.integer({ min: 0, max: 20 }) });
    fc.assert(
      fc.property(fc.array(issue, { maxLength: 20 }).chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }))), ([issues, shuffled]) => {
        const ordered = orderIncidents(issues, SEVERITY);
        assert.equal(ordered.length, issues.length);
        assert.deepEqual(new Set(ordered), new Set(issues));
        const key = (i: (typeof issues)[number]) => [severityRank(i.labels, SEVERITY), i.createdAt] as const;
        for (let k = 1; k < ordered.length; k++) {
          const [a, b] = [key(ordered[k - 1]!), key(ordered[k]!)];
          assert.ok(a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1]), `pair ${k}`);
        }
        // Issues that compare equal may swap, but the sequence of keys is the same for any input order.
        assert.deepEqual(orderIncidents(shuffled, SEVERITY).map(key), ordered.map(key));
      }),
    );
  });
});

describe('nextSeverityLabel', () => {
  it('escalates one step, as spelled in the configuration', () => {
    assert.equal(nextSeverityLabel(['sev3'], SEVERITY), 'sev2');
    assert.equal(nextSeverityLabel(['SEV2', 'bug'], SEVERITY), 'sev1');
    assert.equal(nextSeverityLabel(['incident'], SEVERITY), 'sev3');
  });

  it('starts at the least severe label and stops at the top', () => {
    assert.equal(nextSeverityLabel(['bug'], SEVERITY), 'incident');
    assert.equal(nextSeverityLabel(['sev1'], SEVERITY), null);
    assert.equal(nextSeverityLabel(['bug'], []), null);
  });

  it('always names a strictly more severe label, or none at the top', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('sev1', 'sev2', 'SEV3', 'incident', 'bug'), { maxLength: 4 }), (labels) => {
        const next = nextSeverityLabel(labels, SEVERITY);
        const rank = severityRank(labels, SEVERITY);
        if (rank === 0) assert.equal(next, null);
        else assert.equal(severityRank([next!], SEVERITY), rank - 1);
      }),
    );
  });
});
