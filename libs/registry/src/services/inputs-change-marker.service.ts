import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '@app/core';

/** Listings of one enterprise count against every enterprise sharing a person with it (L1/L2). */
export const LISTING_KINDS = ['SERIOUS_DISHONESTY_LISTING', 'ABNORMAL_LISTING'];

/**
 * Moves `inputs_changed_at` inside the caller's transaction, for the
 * enterprise itself and, when its listings are involved, for every enterprise
 * linked to it through a person, and returns the USCCs to re-score.
 */
@Injectable()
export class InputsChangeMarker {
  constructor(private readonly clock: Clock) {}

  async mark(
    m: EntityManager,
    enterpriseId: string | number,
    opts: { linked: boolean },
  ): Promise<string[]> {
    const ids = [Number(enterpriseId)];
    if (opts.linked) ids.push(...(await this.linkedEnterpriseIds(m, enterpriseId)));
    await m.query('UPDATE enterprises SET inputs_changed_at = ? WHERE id IN (?)', [
      this.clock.now(),
      ids,
    ]);
    const rows: { uscc: string }[] = await m.query(
      'SELECT uscc FROM enterprises WHERE id IN (?) ORDER BY id',
      [ids],
    );
    return rows.map((r) => r.uscc);
  }

  async hasActiveListing(m: EntityManager, enterpriseId: string | number): Promise<boolean> {
    const rows = await m.query(
      `SELECT 1 FROM credit_records WHERE enterprise_id = ? AND kind IN (?) AND status = 'ACTIVE' LIMIT 1`,
      [enterpriseId, LISTING_KINDS],
    );
    return rows.length > 0;
  }

  private async linkedEnterpriseIds(
    m: EntityManager,
    enterpriseId: string | number,
  ): Promise<number[]> {
    const rows: { id: string | number }[] = await m.query(
      `SELECT DISTINCT theirs.enterprise_id AS id
         FROM enterprise_persons mine
         JOIN enterprise_persons theirs ON theirs.person_id = mine.person_id AND theirs.enterprise_id <> mine.enterprise_id
        WHERE mine.enterprise_id = ?`,
      [enterpriseId],
    );
    return rows.map((r) => Number(r.id));
  }
}
