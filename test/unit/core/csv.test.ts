import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csvCell, timeEntriesToCsv, toCsv } from '../../../src/core/csv';
import { entry } from './entries';
import { at, inTimeZone } from './timeZone';

/** A strict RFC 4180 reader, written independently of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        assert.ok(i < text.length, 'unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          cell += '"';
          i += 2;
        } else if (text[i] === '"') break;
        else cell += text[i++];
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        assert.notEqual(text[i], '"', 'quote inside an unquoted field');
        cell += text[i++];
      }
    }
    row.push(cell);
    if (text[i] === ',') i++;
    else {
      assert.equal(text.slice(i, i + 2), '\r\n', `record must end with CRLF at ${i}`);
      i += 2;
      rows.push(row);
      row = [];
    }
  }
  assert.equal(row.length, 0, 'text must end with CRLF');
  return rows;
}

const neutralised = (cell: string) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);

describe('csvCell', () => {
  it('quotes only when needed and doubles quotes', () => {
    assert.equal(csvCell('plain'), 'plain');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(''), '');
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    assert.equal(csvCell('=HYPERLINK("http://x")'), `"'=HYPERLINK(""http://x"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2'), "'-2");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tx'), "'\tx");
    assert.equal(csvCell('\rx'), `"'\rx"`);
    assert.equal(csvCell('a=b'), 'a=b');
  });
});

describe('toCsv', () => {
  it('round-trips any cells through an RFC 4180 reader, formula triggers neutralised', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\r', '\n', '=', '+', '-', '@', '\t', 'é', "'") });
    fc.assert(
      fc.property(fc.array(fc.array(text, { minLength: 1, maxLength: 5 }), { maxLength: 6 }), (rows) => {
        assert.deepEqual(parseCsv(toCsv(rows)), rows.map((r) => r.map(neutralised)));
      }),
    );
  });
});

inTimeZone('Europe/Berlin', () => {
  describe('timeEntriesToCsv', () => {
    it('writes one row per entry per local day with local offsets, notes made safe', () => {
      const entries = [
        entry('a', 'technical', at('2024-03-30T23:00:00+01:00'), at('2024-03-31T03:30:00+02:00'), { note: '=cmd|calc' }),
        entry('b', 'managerial', at('2024-03-31T09:00:00+02:00'), null, { note: '1:1, "Bo"', auto: 'morning-review' }),
      ];
      const csv = timeEntriesToCsv(entries, at('2024-03-31T09:20:30+02:00'));
      assert.equal(
        csv,
        'date,start,end,mode,minutes,note,auto,source\r\n' +
          "2024-03-30,2024-03-30T23:00:00+01:00,2024-03-31T00:00:00+01:00,technical,60,'=cmd|calc,,timer\r\n" +
          "2024-03-31,2024-03-31T00:00:00+01:00,2024-03-31T03:30:00+02:00,technical,150,'=cmd|calc,,timer\r\n" +
          '2024-03-31,2024-03-31T09:00:00+02:00,2024-03-31T09:20:30+02:00,managerial,20.5,"1:1, ""Bo""",morning-review,timer\r\n',
      );
      assert.deepEqual(parseCsv(csv).map((r) => r.length), [8, 8, 8, 8]);
    });

    it('writes just the header when there is nothing to export', () => {
      assert.equal(timeEntriesToCsv([], 0), 'date,start,end,mode,minutes,note,auto,source\r\n');
    });

    it('keeps the formula-injection guard on the auto column too (a value from a newer version)', () => {
      const csv = timeEntriesToCsv([entry('x', 'technical', 0, 60_000, { auto: '=HYPERLINK("x")' as never })], 60_000);
      assert.match(csv.split('\r\n')[1]!, /,"'=HYPERLINK\(""x""\)",timer$/);
    });
  });
});

inTimeZone('UTC', () => {
  describe('timeEntriesToCsv in UTC', () => {
    it('writes the offset as +00:00, not ISO\'s Z, as in every other zone', () => {
      const csv = timeEntriesToCsv([entry('u', 'technical', at('2024-05-08T09:00:00Z'), at('2024-05-08T10:00:00Z'))], at('2024-05-08T12:00:00Z'));
      assert.equal(csv.split('\r\n')[1], '2024-05-08,2024-05-08T09:00:00+00:00,2024-05-08T10:00:00+00:00,technical,60,,,timer');
    });
  });
});
