import { Injectable } from '@nestjs/common';
import { CalendarDate, Clock } from '@app/core';
import { AbnormalListingReader } from '@app/registry';
import { EscalationCandidateRepository } from './escalation-candidate.repository';
import { escalationCutoff, partitionDue } from './escalation-rule';

export interface EscalationSweepResult {
  asOf: CalendarDate;
  /** Listings found due (flagged now or already). */
  due: number;
  /** Flags closed because a serious-dishonesty listing followed. */
  closedSeriousListed: number;
  /** Flags closed because the listing is no longer in force (repaired, revoked, expired, enterprise cancelled). */
  closedListingEnded: number;
}

/** Listings read per page from the registry: memory stays flat whatever the list's size. */
const PAGE = 5000;

/**
 * The daily sweep: flags every abnormal-list listing in force for three years
 * whose enterprise is not yet on the serious dishonest list, and closes the
 * flags that no longer hold. Idempotent; it never lists anyone (it writes no
 * credit record): listing stays the regulator's decision.
 */
@Injectable()
export class EscalationSweepService {
  constructor(
    private readonly listings: AbnormalListingReader,
    private readonly candidates: EscalationCandidateRepository,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<EscalationSweepResult> {
    const now = this.clock.now();
    const asOf = this.clock.today();
    const cutoff = escalationCutoff(asOf);
    const stillDue = new Set<number>();
    let closedSeriousListed = 0;
    for (let after = 0; ;) {
      const page = await this.listings.activeListedOnOrBefore(cutoff, after, PAGE);
      const { due, seriousListed } = partitionDue(page);
      await this.candidates.upsertOpen(due, now);
      for (const l of due) stillDue.add(l.recordId);
      closedSeriousListed += await this.candidates.close(
        seriousListed.map((l) => l.recordId),
        'SERIOUS_LISTED',
        now,
      );
      if (page.length < PAGE) break;
      after = page[page.length - 1].recordId;
    }
    // Open flags the registry no longer reports due: the listing ended (or,
    // for a serious listing, was closed above already).
    const ended = (await this.candidates.openRecordIds()).filter((id) => !stillDue.has(id));
    const closedListingEnded = await this.candidates.close(ended, 'LISTING_ENDED', now);
    return { asOf, due: stillDue.size, closedSeriousListed, closedListingEnded };
  }
}
