import type { Factor } from '../assessment';
import type { CompiledIndicator } from '../compiled-model';
import { dayFromCivil } from '../day-number';
import { considerNext, state } from '../evaluation-state';
import { KIND } from '../record-codes';
import { factor } from './factor';

/**
 * The annual report of the latest due year Y: the latest year whose due date
 * (month-day of Y+1) is strictly before asOf, so on the due date itself the
 * year before is still the one judged. Not yet due when the enterprise was
 * established after 31 December of Y. Of the reports for Y filed on or before
 * asOf, the earliest decides: on time if filed on or before the due date,
 * late otherwise; missing if none.
 */
export function annualReport(ind: CompiledIndicator): Factor {
  const md = ind.dueMonthDay;
  const dueMonth = md >> 5;
  const dueDay = md & 31;
  const asOfYear = state.asOfPacked >> 9;
  const year = (state.asOfPacked & 511) > md ? asOfYear - 1 : asOfYear - 2;
  // The judged year rolls over the day after the next due date.
  considerNext(dayFromCivil(year + 2, dueMonth, dueDay) + 1);

  if (state.establishedPacked >> 9 > year) return factor(ind, ind.notYetDue, null);

  const records = state.profile.records;
  const kind = state.kind;
  const day = state.day;
  let best = -1;
  for (let i = 0; i < state.n; i++) {
    if (
      kind[i] === KIND.ANNUAL_REPORT &&
      records[i].year === year &&
      (best < 0 || day[i] < day[best])
    ) {
      best = i;
    }
  }
  if (best < 0) return factor(ind, ind.missing, null);
  const due = dayFromCivil(year + 1, dueMonth, dueDay);
  return factor(ind, day[best] <= due ? ind.onTime : ind.late, [records[best].id]);
}
