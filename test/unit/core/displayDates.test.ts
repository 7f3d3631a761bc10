import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { buildBalanceReport } from '../../../src/balance/report';
import { displayDates, supportedLocale } from '../../../src/core/displayDates';
import { quickDueChoices } from '../../../src/core/dueDates';
import { standupMarkdown, type StandupInput } from '../../../src/core/standup';
import { clockText } from '../../../src/queue/queueData';
import { dayAndTime } from '../../../src/review/format';
import { REPO_ROOT, sourceFiles } from '../sourceFiles';
import { at, inTimeZone } from './timeZone';

/** ICU separates some parts with no-break or thin spaces; the assertions read them as spaces. */
const plain = (s: string): string => s.replace(/[\u00a0\u2009\u202f]/g, ' ');

describe('displayDates', () => {
  inTimeZone('Europe/Berlin', () => {
    // Wednesday 8 May 2024, 07:05 in Berlin; its week runs Monday 6 to Sunday 12 May.
    const wednesday = () => at('2024-05-08T07:05:00+02:00');
    const monday = () => at('2024-05-06T00:00:00+02:00');
    const sunday = () => at('2024-05-12T00:00:00+02:00');

    it('writes month and day names in German', () => {
      const de = displayDates('de');
      assert.deepEqual([
        de.time(wednesday()), de.dayAndTime(wednesday()), de.dateAndTime(wednesday()), de.weekdayDay(wednesday()), de.dayMonth(wednesday()),
        de.weekdayDate(wednesday()), de.weekdayDateYear(wednesday()), de.dayRange(monday(), sunday()), de.dayRange(at('2024-04-29T00:00:00+02:00'), sunday()),
      ].map(plain), [
        '07:05', 'Mi., 8. Mai, 07:05', '8. Mai, 07:05', 'Mi., 8.', '8. Mai',
        'Mittwoch, 8. Mai', 'Mittwoch, 8. Mai 2024', '6.–12. Mai 2024', '29. Apr. – 12. Mai 2024',
      ]);
    });

    it('writes month and day names in French', () => {
      const fr = displayDates('fr');
      assert.deepEqual([
        fr.time(wednesday()), fr.dayAndTime(wednesday()), fr.dateAndTime(wednesday()), fr.weekdayDay(wednesday()), fr.dayMonth(wednesday()),
        fr.weekdayDate(wednesday()), fr.weekdayDateYear(wednesday()), fr.dayRange(monday(), sunday()), fr.dayRange(at('2024-12-30T00:00:00+01:00'), at('2025-01-05T00:00:00+01:00')),
      ].map(plain), [
        '07:05', 'mer. 8 mai, 07:05', '8 mai, 07:05', 'mer. 8', '8 mai',
        'mercredi 8 mai', 'mercredi 8 mai 2024', '6–12 mai 2024', '30 déc. 2024 – 5 janv. 2025',
      ]);
    });

    it('keeps a 24-hour clock in English too, as the settings take times', () => {
      assert.equal(displayDates('en').time(at('2024-05-08T19:05:00+02:00')), '19:05');
      assert.equal(displayDates('en').time(at('2024-05-08T00:05:00+02:00')), '00:05');
    });

    it('makes one set of formatters per language and zone, and falls back to English for a language the runtime lacks', () => {
      assert.equal(displayDates('de'), displayDates('de'));
      assert.notEqual(displayDates('de'), displayDates('fr'));
      assert.equal(supportedLocale('fr'), 'fr');
      assert.equal(supportedLocale('qps-ploc'), 'en');
      assert.equal(supportedLocale('not a language tag'), 'en');
      assert.equal(plain(displayDates('not a language tag').weekdayDate(wednesday())), 'Wednesday, May 8');
    });

    it('reaches the labels of the balance, the standup, the queue, the Morning Review and the due-date picks', () => {
      const report = buildBalanceReport([], wednesday(), 60, 'de');
      assert.deepEqual([report.todayLabel, report.weekLabel, report.days[0]!.label, report.trend.at(-1)!.label, report.updated].map(plain),
        ['Mittwoch, 8. Mai', '6.–12. Mai 2024', 'Mo., 6.', '6. Mai', '07:05']);
      const input: StandupInput = {
        now: at('2024-05-08T09:00:00+02:00'), day: '2024-05-07', entries: [], technicalTarget: 60, activity: null, githubNotice: null,
        waiting: [], delegated: { done: [], overdue: [], reassigned: [] }, plan: null, running: null,
      };
      const md = plain(standupMarkdown(input, 'fr'));
      assert.match(md, /^# Standup — mercredi 8 mai 2024$/m);
      assert.match(md, /^## Yesterday: mardi 7 mai$/m);
      assert.equal(plain(clockText(at('2024-05-07T10:42:00+02:00'), wednesday(), 'de')), '7. Mai, 10:42');
      assert.equal(plain(dayAndTime(wednesday(), 'fr')), 'mer. 8 mai, 07:05');
      assert.deepEqual(quickDueChoices(wednesday(), 'de')[2], { label: 'Freitag', date: '2024-05-10' });
    });
  });

  inTimeZone('America/St_Johns', () => {
    it('shows the instant in the zone the process runs in, not the one a cached formatter was made in', () => {
      // The Berlin suite made 'de' formatters first; St. John's is UTC−02:30 in May.
      assert.equal(displayDates('de').dayAndTime(at('2024-05-08T07:05:00+02:00')), displayDates('de').dayAndTime(at('2024-05-08T02:35:00-02:30')));
      assert.equal(plain(displayDates('de').dayAndTime(at('2024-05-08T07:05:00+02:00'))), 'Mi., 8. Mai, 02:35');
    });
  });
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const NAMES = new Set([...MONTHS, ...DAYS, ...MONTHS.map((m) => m.slice(0, 3)), ...DAYS.map((d) => d.slice(0, 3))]);
/** date-fns tokens that print a name (in English) or a 12-hour clock: shown text goes through displayDates instead. */
const NAMED_TOKEN = /^(M{3,}|L{3,}|E+|e{3,}|c{3,}|a+|b+|B+|h+|K+|G+|Q{3,}|q{3,}|z+|O+|P+|p+)$/;

/** `file:line text` of each string literal that is an English month or weekday name, or a date-fns pattern that prints one. */
function englishDateText(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(REPO_ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && NAMES.has(node.text.trim())) found.push(`${where(node)} ${JSON.stringify(node.text)}`);
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && /^(format|lightFormat)$/.test(node.expression.text)) {
      const pattern = node.arguments[1];
      if (pattern && ts.isStringLiteralLike(pattern)) {
        const tokens = pattern.text.replace(/'[^']*'/g, '').match(/([A-Za-z])\1*/g) ?? [];
        if (tokens.some((t) => NAMED_TOKEN.test(t))) found.push(`${where(node)} format pattern ${JSON.stringify(pattern.text)}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('dates shown to the lead', () => {
  it('no source in src/ or webview-src/ spells an English month or weekday name, or formats one with date-fns', () => {
    const files = [...sourceFiles(path.join(REPO_ROOT, 'src')), ...sourceFiles(path.join(REPO_ROOT, 'webview-src'))];
    assert.ok(files.length > 50, `read ${files.length} files`);
    assert.deepEqual(files.flatMap(englishDateText), []);
  });

  it('finds a name array and a named date-fns pattern, and lets a numeric pattern and a comment pass', () => {
    const probe = path.join(REPO_ROOT, 'dist', 'english-dates-probe.ts');
    fs.mkdirSync(path.dirname(probe), { recursive: true });
    fs.writeFileSync(probe, [
      "// January, in a comment",
      "const DAYS = ['Sun', 'Mon'];",
      "const a = format(now, 'EEE d MMM');",
      "const b = format(now, \"yyyy-MM-dd'T'HH:mm:ssxxx\");",
      "const c = format(now, 'h:mm a');",
    ].join('\n'));
    try {
      assert.deepEqual(englishDateText(probe).map((f) => f.replace(/^.*?:(\d+) /, '$1 ')), [
        '2 "Sun"', '2 "Mon"', `3 format pattern "EEE d MMM"`, `5 format pattern "h:mm a"`,
      ]);
    } finally {
      fs.rmSync(probe);
    }
  });
});
