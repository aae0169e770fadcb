import { Provider } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '@app/core/config/app-config';
import { WorkingDayCalendar } from '@app/core/values/working-days';
import { loadRepairPolicies } from '../policy/repair-policy.loader';
import { RepairPolicyBook } from '../policy/repair-policy-book';

/**
 * The policy book, loaded and validated at boot (a bad file stops the boot
 * naming the file and the field), and the official working-day calendar.
 */
export const repairPolicyProviders: Provider[] = [
  {
    provide: RepairPolicyBook,
    inject: [AppConfig],
    useFactory: (config: AppConfig) =>
      loadRepairPolicies(join(config.configDir, 'repair-policies')),
  },
  { provide: WorkingDayCalendar, useValue: new WorkingDayCalendar() },
];
