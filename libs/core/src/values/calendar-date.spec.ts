import {
  addDays,
  addMonths,
  compareDates,
  dayNumber,
  daysBetween,
  daysInMonth,
  fromDayNumber,
  isCalendarDate,
  isoWeekday,
  maxDate,
  yearOf,
} from './calendar-date';

describe('calendar dates', () => {
  it('validates YYYY-MM-DD strictly', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-13-01')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
    expect(isCalendarDate('2025-01-01T00:00')).toBe(false);
    expect(() => addDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('counts day numbers from 1970-01-01', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('1969-12-31')).toBe(-1);
    expect(fromDayNumber(dayNumber('2026-11-30'))).toBe('2026-11-30');
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2025-06-15', 6)).toBe('2025-12-15');
    expect(addMonths('2025-03-31', -1)).toBe('2025-02-28');
    expect(addMonths('2025-01-15', -13)).toBe('2023-12-15');
  });

  it('compares and measures', () => {
    expect(compareDates('2025-12-24', '2025-12-25')).toBeLessThan(0);
    expect(compareDates('2025-12-25', '2025-12-25')).toBe(0);
    expect(daysBetween('2025-12-24', '2026-01-01')).toBe(8);
    expect(maxDate('2025-12-24', '2025-12-25')).toBe('2025-12-25');
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(yearOf('2040-06-01')).toBe(2040);
  });

  it('gives ISO weekdays', () => {
    expect(isoWeekday('1970-01-01')).toBe(4);
    expect(isoWeekday('2025-09-28')).toBe(7);
    expect(isoWeekday('2025-09-29')).toBe(1);
    expect(isoWeekday('2025-10-11')).toBe(6);
    expect(isoWeekday('1969-12-29')).toBe(1);
  });
});
