import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Caller, Clock } from '@app/core';
import { assessEligibility } from '../policy/eligibility';
import type { EligibilityResult } from '../policy/eligibility.types';
import { RepairPolicyBook } from '../policy/repair-policy-book';
import { RepairCaseLoader } from './repair-case-loader.service';

/** "May I apply today?": every condition, met or not, under the policy in force today. */
@Injectable()
export class RepairEligibilityService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly loader: RepairCaseLoader,
    private readonly book: RepairPolicyBook,
    private readonly clock: Clock,
  ) {}

  async check(caller: Caller, recordId: number): Promise<EligibilityResult> {
    const today = this.clock.today();
    const c = await this.loader.record(this.db.manager, caller, recordId);
    const policy = this.book.policyFor(today);
    return assessEligibility(await this.loader.eligibilityInput(this.db.manager, c, policy, today));
  }
}
