import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CalendarConfigError,
  DEFAULT_CALENDAR_DIR,
  loadWorkingDayCalendar,
  parseHolidayArrangement,
} from './working-day-calendar.loader';

const text2025 = readFileSync(join(DEFAULT_CALENDAR_DIR, '2025.yaml'), 'utf8');

describe('config/calendar: one file per State Council notice', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'crs-calendar-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('every shipped file is valid and cites its notice', () => {
    const calendar = loadWorkingDayCalendar();
    expect(calendar.coveredYears()).toContain(2025);
    const a = parseHolidayArrangement(text2025, '2025.yaml');
    expect(a.source).toBe('国务院办公厅关于2025年部分节假日安排的通知');
    expect(a.workdays).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
    ]);
  });

  it('reads the directory it is given, not a built-in table', () => {
    writeFileSync(
      join(dir, '2031.yaml'),
      "year: 2031\nsource: test notice\nholidays: ['2031-03-03']\nworkdays: ['2031-03-08']\n",
    );
    const calendar = loadWorkingDayCalendar(dir);
    expect(calendar.coveredYears()).toEqual([2031]);
    expect(calendar.isWorkingDay('2031-03-03')).toBe(false); // a Monday off
    expect(calendar.isWorkingDay('2031-03-08')).toBe(true); // a Saturday worked
    expect(calendar.covers(2025)).toBe(false);
  });

  const bad = (edit: (t: string) => string, file = '2025.yaml') => {
    writeFileSync(join(dir, file), edit(text2025));
    return () => loadWorkingDayCalendar(dir);
  };

  it('refuses a malformed date, naming the file and the field', () => {
    const load = bad((t) => t.replace("'2025-10-11'", "'2025-10-32'"));
    expect(load).toThrow(CalendarConfigError);
    expect(load).toThrow(/2025\.yaml: workdays\[4\]: expected a YYYY-MM-DD date/);
  });

  it('refuses a missing or unknown field', () => {
    expect(bad((t) => t.replace(/^source: .*$/m, ''))).toThrow(/2025\.yaml: source: /);
    expect(bad((t) => t.replace('workdays:', 'workday:'))).toThrow(/2025\.yaml: .*workday/);
  });

  it('refuses a weekday as a 调休 working day, a date of another year, a date both off and worked', () => {
    expect(bad((t) => t.replace("'2025-10-11'", "'2025-10-10'"))).toThrow(
      /workdays\[4\]: 2025-10-10 is a weekday/,
    );
    expect(bad((t) => t.replace("'2025-10-08'", "'2026-10-08'"))).toThrow(
      /holidays\[27\]: 2026-10-08 is outside the notice's year 2025/,
    );
    expect(bad((t) => t.replace("'2025-10-08'", "'2025-10-11'"))).toThrow(
      /workdays\[4\]: 2025-10-11 is also listed in holidays/,
    );
  });

  it('refuses a file named after another year', () => {
    expect(bad((t) => t, '2024.yaml')).toThrow(
      /2024\.yaml: year: 2025 does not match the file name/,
    );
  });

  it('takes a December date from the next notice, but refuses a date listed twice', () => {
    const notice2026 = (holidays: string) =>
      writeFileSync(
        join(dir, '2026.yaml'),
        `year: 2026\nsource: test\nholidays: ${holidays}\nworkdays: []\n`,
      );
    writeFileSync(join(dir, '2025.yaml'), text2025);
    notice2026("['2025-12-31']");
    expect(loadWorkingDayCalendar(dir).isWorkingDay('2025-12-31')).toBe(false); // a Wednesday
    notice2026("['2025-10-08']");
    expect(() => loadWorkingDayCalendar(dir)).toThrow(/outside the notice's year 2026/);
    writeFileSync(
      join(dir, '2025.yaml'),
      text2025.replace('holidays:', "holidays:\n  - '2025-12-31'"),
    );
    notice2026("['2025-12-31']");
    expect(() => loadWorkingDayCalendar(dir)).toThrow(
      /2026\.yaml: holidays\[0\]: 2025-12-31 is also listed in .*2025\.yaml/,
    );
    notice2026("['2026-01-01', '2026-01-01']");
    expect(() => loadWorkingDayCalendar(dir)).toThrow(
      /2026\.yaml: holidays\[1\]: 2026-01-01 is also listed in holidays/,
    );
  });

  it('refuses invalid YAML and a missing directory', () => {
    expect(bad(() => 'year: [2025')).toThrow(/2025\.yaml: invalid YAML/);
    const missing = join(dir, 'nope');
    expect(() => loadWorkingDayCalendar(missing)).toThrow(
      /nope: cannot read the calendar directory/,
    );
    mkdirSync(missing);
    expect(loadWorkingDayCalendar(missing).coveredYears()).toEqual([]);
  });
});
