import { Logger, Provider } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig, loadWorkingDayCalendar, Clock, yearOf, WorkingDayCalendar } from '@app/core';
import { loadRepairPolicies } from '../policy/repair-policy.loader';
import { RepairPolicyBook } from '../policy/repair-policy-book';

/**
 * The policy book and the official working-day calendar, both loaded and
 * validated at boot from config files (a bad file stops the boot naming the
 * file and the field).
 */
/** Calendar directories whose coverage this process has logged already. */
const announcedCalendars = new Set<string>();

export const repairPolicyProviders: Provider[] = [
  {
    provide: RepairPolicyBook,
    inject: [AppConfig],
    useFactory: (config: AppConfig) =>
      loadRepairPolicies(join(config.configDir, 'repair-policies')),
  },
  {
    provide: WorkingDayCalendar,
    inject: [AppConfig, Clock],
    useFactory: (config: AppConfig, clock: Clock) => {
      const calendar = loadWorkingDayCalendar(config.calendarDir);
      const years = calendar.coveredYears();
      // `npm start` builds the API's and the worker's modules in one process: say it once.
      const logger = announcedCalendars.has(config.calendarDir)
        ? { log: () => undefined, warn: () => undefined }
        : new Logger('WorkingDayCalendar');
      announcedCalendars.add(config.calendarDir);
      logger.log(
        `working-day calendar from ${config.calendarDir}: ${years.length ? `${years[0]}–${years.at(-1)}` : 'no years'}`,
      );
      // Deadlines (at most a few weeks) reach into next year only in December.
      const today = clock.today();
      const thisYear = yearOf(today);
      const wanted = today.slice(5, 7) === '12' ? [thisYear, thisYear + 1] : [thisYear];
      for (const y of wanted) {
        if (!calendar.covers(y)) {
          logger.warn(
            `no holiday notice for ${y} in ${config.calendarDir}: its deadlines count Monday–Friday minus the fixed statutory days off (fallback); add ${y}.yaml from the State Council notice`,
          );
        }
      }
      return calendar;
    },
  },
];
