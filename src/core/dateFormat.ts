/**
 * `format(date, pattern)` for the few date-fns patterns Lead Desk shows (local time, English),
 * giving exactly date-fns' output for them (a unit test compares the two over random dates and
 * zones). date-fns' own `format` brings its whole en-US locale and every formatter (about 15 KB
 * of the bundle) for these ten patterns. Tokens: `yyyy MM MMM MMMM d dd EEE EEEE HH mm ss xxx`
 * and `'quoted'` literals; any other letter is refused, so a new pattern cannot silently differ.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function offset(d: Date): string {
  const minutes = -d.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

const TOKENS: Record<string, (d: Date) => string> = {
  yyyy: (d) => pad(d.getFullYear(), 4),
  MMMM: (d) => MONTHS[d.getMonth()]!,
  MMM: (d) => MONTHS[d.getMonth()]!.slice(0, 3),
  MM: (d) => pad(d.getMonth() + 1),
  dd: (d) => pad(d.getDate()),
  d: (d) => String(d.getDate()),
  EEEE: (d) => DAYS[d.getDay()]!,
  EEE: (d) => DAYS[d.getDay()]!.slice(0, 3),
  HH: (d) => pad(d.getHours()),
  mm: (d) => pad(d.getMinutes()),
  ss: (d) => pad(d.getSeconds()),
  xxx: offset,
};

const PART = /'([^']*)'|([A-Za-z])\2*|[^A-Za-z']+/g;

export function format(instant: number | Date, pattern: string): string {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) throw new RangeError('Invalid time value');
  return pattern.replace(PART, (part, quoted: string | undefined, letter: string | undefined) => {
    if (quoted !== undefined) return quoted;
    if (letter === undefined) return part;
    const token = TOKENS[part];
    if (!token) throw new RangeError(`Unsupported date pattern token "${part}" in "${pattern}"`);
    return token(d);
  });
}
