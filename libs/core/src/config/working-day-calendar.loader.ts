import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { HolidayArrangement, WorkingDayCalendar } from '../values/working-days';
import { holidayArrangementSchema } from './working-day-calendar.schema';

/** Relative to the service's working directory (the repository root). */
export const DEFAULT_CALENDAR_DIR = 'config/calendar';

/** A calendar file that cannot be used; the message names the file and the field. */
export class CalendarConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: ${problems.join('; ')}`);
    this.name = 'CalendarConfigError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** Parses and validates one file's text; `source` labels the errors. */
export function parseHolidayArrangement(text: string, source: string): HolidayArrangement {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new CalendarConfigError(source, [`invalid YAML: ${(e as Error).message}`]);
  }
  const result = holidayArrangementSchema.safeParse(raw);
  if (!result.success) {
    throw new CalendarConfigError(
      source,
      result.error.issues.map((i) => `${formatPath(i.path) || '(root)'}: ${i.message}`),
    );
  }
  return result.data;
}

/**
 * Reads every `<year>.yaml` of `dir` into a calendar. The file name must be the
 * notice's year, and no date may appear in two files. A missing directory is
 * an error (a typo in CALENDAR_DIR must not silently turn every year into a
 * fallback year); an empty one is a calendar with no notices.
 */
export function loadWorkingDayCalendar(dir: string = DEFAULT_CALENDAR_DIR): WorkingDayCalendar {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch (e) {
    throw new CalendarConfigError(dir, [
      `cannot read the calendar directory: ${(e as Error).message}`,
    ]);
  }
  const arrangements: HolidayArrangement[] = [];
  const fileOf = new Map<string, string>();
  for (const f of files.sort()) {
    const path = join(dir, f);
    const a = parseHolidayArrangement(readFileSync(path, 'utf8'), path);
    if (f.replace(/\.ya?ml$/, '') !== String(a.year)) {
      throw new CalendarConfigError(path, [`year: ${a.year} does not match the file name`]);
    }
    for (const [list, dates] of [
      ['holidays', a.holidays],
      ['workdays', a.workdays],
    ] as const) {
      dates.forEach((date, i) => {
        const other = fileOf.get(date);
        if (other) {
          throw new CalendarConfigError(path, [
            `${list}[${i}]: ${date} is also listed in ${other}`,
          ]);
        }
        fileOf.set(date, path);
      });
    }
    arrangements.push(a);
  }
  return new WorkingDayCalendar(arrangements);
}
