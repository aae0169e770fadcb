import { z } from 'zod';
import { isCalendarDate, isoWeekday, yearOf } from '../values/calendar-date';

/**
 * One file of `config/calendar/`: the arrangement of one State Council notice
 * (国务院办公厅关于XXXX年部分节假日安排的通知). This schema is the only place
 * that knows the file layout.
 */
const calendarDate = z.string().refine(isCalendarDate, { message: 'expected a YYYY-MM-DD date' });

export const holidayArrangementSchema = z
  .strictObject({
    year: z.number().int().min(1950).max(9999),
    /** The notice, e.g. 国务院办公厅关于2025年部分节假日安排的通知. */
    source: z.string().trim().min(1),
    holidays: z.array(calendarDate),
    workdays: z.array(calendarDate),
  })
  .superRefine((a, ctx) => {
    const seen = new Map<string, string>();
    for (const list of ['holidays', 'workdays'] as const) {
      a[list].forEach((date, i) => {
        if (!isCalendarDate(date)) return; // reported by the field's own check
        const path = [list, i];
        const y = yearOf(date);
        // A notice's New Year holiday may begin in the December before its year.
        if (y !== a.year && !(y === a.year - 1 && date.slice(5, 7) === '12')) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `${date} is outside the notice's year ${a.year} (only December of ${a.year - 1} may precede it)`,
          });
        }
        if (list === 'workdays' && isoWeekday(date) <= 5) {
          ctx.addIssue({
            code: 'custom',
            path,
            message: `${date} is a weekday: a make-up working day (调休) is a Saturday or Sunday`,
          });
        }
        const other = seen.get(date);
        if (other) {
          ctx.addIssue({ code: 'custom', path, message: `${date} is also listed in ${other}` });
        }
        seen.set(date, list);
      });
    }
  });
