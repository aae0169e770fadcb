import { loadWorkingDayCalendar } from '../config/working-day-calendar.loader';
import { WorkingDayCalendar } from './working-days';

describe('WorkingDayCalendar (config/calendar)', () => {
  const calendar = loadWorkingDayCalendar();

  it('knows which years it covers', () => {
    expect(calendar.covers(2025)).toBe(true);
    expect(calendar.covers(2026)).toBe(true);
    expect(calendar.covers(2040)).toBe(false);
    expect(calendar.coveredYears()[0]).toBe(2004);
  });

  it('knows the 2025 National Day / Mid-Autumn arrangement', () => {
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday, 调休
    for (let d = 1; d <= 8; d++) {
      expect(calendar.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    }
    expect(calendar.isWorkingDay('2025-10-09')).toBe(true);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday, 调休
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false);
  });

  it('counts working days after the date, skipping National Day', () => {
    // Mon 29 Sep: Tue 30 Sep is day 1, Oct 1–8 are off, Thu 9 Oct is day 2.
    expect(calendar.addWorkingDaysDetailed('2025-09-29', 2)).toEqual({
      date: '2025-10-09',
      fallbackYears: [],
    });
    expect(calendar.addWorkingDays('2025-09-29', 0)).toBe('2025-09-29');
  });

  it('counts a 调休 Saturday as a working day', () => {
    expect(calendar.addWorkingDays('2025-10-10', 1)).toBe('2025-10-11');
    // The make-up Sunday before the holiday counts as well.
    expect(calendar.addWorkingDays('2025-09-26', 1)).toBe('2025-09-28');
  });

  it('skips the Spring Festival', () => {
    // 2026: Feb 15–23 off, Sat Feb 14 and Sat Feb 28 worked.
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.addWorkingDays('2026-02-13', 2)).toBe('2026-02-24');
    // 2025: Jan 28 – Feb 4 off, Sun Jan 26 and Sat Feb 8 worked.
    expect(calendar.addWorkingDays('2025-01-24', 3)).toBe('2025-02-05');
  });

  it('counts a 调休 Saturday as a working day and a Golden Week weekday as a day off', () => {
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday
    expect(calendar.isWorkingDay('2025-10-06')).toBe(false); // Monday, National Day / Mid-Autumn
    expect(calendar.isWorkingDay('2025-10-13')).toBe(true); // an ordinary Monday
  });

  it('takes the New Year days a notice sets in the December before its year', () => {
    // The 2019 notice: 30–31 Dec 2018 off, Sat 29 Dec 2018 worked (both in 2019.yaml).
    expect(calendar.isWorkingDay('2018-12-29')).toBe(true);
    expect(calendar.isWorkingDay('2018-12-31')).toBe(false); // a Monday
  });

  it('falls back to Monday–Friday minus the fixed statutory days outside the data, and says so', () => {
    expect(calendar.covers(2040)).toBe(false);
    // 2040-10-01 is a Monday: National Day is fixed by law, whatever the notice will add.
    expect(calendar.isWorkingDay('2040-10-01')).toBe(false);
    expect(calendar.isWorkingDay('2040-10-03')).toBe(false);
    expect(calendar.isWorkingDay('2040-10-04')).toBe(true);
    expect(calendar.isWorkingDay('2040-10-06')).toBe(false); // Saturday
    expect(calendar.isWorkingDay('2040-01-02')).toBe(true); // no 调休 known
    // Fri 28 Sep: Mon 1 – Wed 3 Oct off, Thu 4 is day 1, Fri 5 day 2.
    expect(calendar.addWorkingDaysDetailed('2040-09-28', 2)).toEqual({
      date: '2040-10-05',
      fallbackYears: [2040],
    });
    // 1–2 May (劳动节, two days since the 2024 revision) and 1 January.
    expect(calendar.isWorkingDay('2041-05-01')).toBe(false); // Wednesday
    expect(calendar.isWorkingDay('2041-05-02')).toBe(false);
    expect(calendar.isWorkingDay('2041-01-01')).toBe(false); // Tuesday
  });

  it('a calendar without notices falls back for every year', () => {
    const empty = new WorkingDayCalendar([]);
    expect(empty.coveredYears()).toEqual([]);
    expect(empty.isWorkingDay('2025-10-11')).toBe(false); // the 调休 Saturday is unknown
    expect(empty.addWorkingDaysDetailed('2025-09-30', 1)).toEqual({
      date: '2025-10-06',
      fallbackYears: [2025],
    });
  });

  it('reports a fallback only for the years actually stepped into', () => {
    const last = calendar.coveredYears().at(-1)!;
    const result = calendar.addWorkingDaysDetailed(`${last}-12-30`, 5);
    expect(result.fallbackYears).toEqual([last + 1]);
    expect(calendar.addWorkingDaysDetailed(`${last}-06-01`, 5).fallbackYears).toEqual([]);
  });

  it('rejects negative or fractional counts and bad dates', () => {
    expect(() => calendar.addWorkingDays('2025-01-01', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-01-01', 1.5)).toThrow(RangeError);
    expect(() => calendar.isWorkingDay('2025-02-30')).toThrow(RangeError);
  });
});
