/**
 * Dates and times as the lead reads them: `Intl.DateTimeFormat` in VS Code's display language
 * (the host passes `vscode.env.language`), in the process's local time zone. Only for text shown
 * to the lead; file names, CSV cells and store keys use date-fns (`toLocalDate`, `format`).
 *
 * A formatter is slow to create (tenths of a millisecond) and fast to use, so each one is made on
 * first use and kept per language and time zone. The zone is part of the key because a formatter
 * keeps the zone it was made in, and tests change `process.env.TZ` while running.
 */
type Instant = number | Date;

export interface DisplayDates {
  /** The language the labels are in (a supported one: `en` when VS Code's is not). */
  readonly locale: string;
  /** `14:05`: 24-hour in every language, as the settings take times (`HH:MM`). */
  time(at: Instant): string;
  /** `Wed, May 8, 07:05` (en), `Mi., 8. Mai, 07:05` (de). */
  dayAndTime(at: Instant): string;
  /** `May 8, 07:05`: a time on another day than today. */
  dateAndTime(at: Instant): string;
  /** `Wed 8` (en-GB), `Mi., 8.` (de): a day of a week on screen. */
  weekdayDay(at: Instant): string;
  /** `Friday`, `vendredi`. */
  weekday(at: Instant): string;
  /** `May 8`, `8. Mai`. */
  dayMonth(at: Instant): string;
  /** `Wednesday, May 8`, `mercredi 8 mai`. */
  weekdayDate(at: Instant): string;
  /** `Wednesday, May 8, 2024`. */
  weekdayDateYear(at: Instant): string;
  /** `May 6 – 12, 2024`, `29. Apr. – 5. Mai 2024`: two days, what they share said once. */
  dayRange(first: Instant, last: Instant): string;
}

const STYLES = {
  time: { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dayAndTime: { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  dateAndTime: { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  weekday: { weekday: 'long' },
  weekdayDay: { weekday: 'short', day: 'numeric' },
  dayMonth: { day: 'numeric', month: 'short' },
  weekdayDate: { weekday: 'long', day: 'numeric', month: 'long' },
  weekdayDateYear: { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' },
  dayRange: { day: 'numeric', month: 'short', year: 'numeric' },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;
type Style = keyof typeof STYLES;

const cache = new Map<string, DisplayDates>();

/** `locale` if this runtime formats dates in it, else `en` (VS Code's pseudo-language `qps-ploc`, a malformed tag). */
export function supportedLocale(locale: string): string {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale])[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export function displayDates(locale: string): DisplayDates {
  const key = `${locale}\n${process.env.TZ ?? ''}`;
  let dates = cache.get(key);
  if (!dates) {
    dates = create(supportedLocale(locale));
    cache.set(key, dates);
  }
  return dates;
}

function create(locale: string): DisplayDates {
  const made: Partial<Record<Style, Intl.DateTimeFormat>> = {};
  const formatter = (style: Style): Intl.DateTimeFormat => (made[style] ??= new Intl.DateTimeFormat(locale, STYLES[style]));
  const styled = (style: Style) => (at: Instant): string => formatter(style).format(at);
  return {
    locale,
    time: styled('time'),
    dayAndTime: styled('dayAndTime'),
    dateAndTime: styled('dateAndTime'),
    weekday: styled('weekday'),
    weekdayDay: styled('weekdayDay'),
    dayMonth: styled('dayMonth'),
    weekdayDate: styled('weekdayDate'),
    weekdayDateYear: styled('weekdayDateYear'),
    dayRange: (first, last) => formatter('dayRange').formatRange(first, last),
  };
}
