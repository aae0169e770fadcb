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
    if (opts.linked) ids.push(...(await this.linkedTo(m, ids)));
    await m.query('UPDATE enterprises SET inputs_changed_at = ? WHERE id IN (?)', [
      this.clock.now(),
      ids,
    ]);
    return this.usccsOf(m, ids);
  }

  /** Those of `ids` with an ACTIVE listing (whose listings count against linked enterprises). */
  async withActiveListing(m: EntityManager, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows: { id: string | number }[] = await m.query(
      `SELECT DISTINCT enterprise_id AS id FROM credit_records
        WHERE enterprise_id IN (?) AND kind IN (?) AND status = 'ACTIVE'`,
      [ids, LISTING_KINDS],
    );
    return rows.map((r) => Number(r.id));
  }

  /** Enterprises sharing a person with any of `ids` (their listings count against them). */
  async linkedTo(m: EntityManager, ids: number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows: { id: string | number }[] = await m.query(
      `SELECT DISTINCT theirs.enterprise_id AS id
         FROM enterprise_persons mine
         JOIN enterprise_persons theirs
           ON theirs.person_id = mine.person_id AND theirs.enterprise_id <> mine.enterprise_id
        WHERE mine.enterprise_id IN (?)`,
      [ids],
    );
    return rows.map((r) => Number(r.id));
  }

  /** The USCCs of `ids`, in id order. */
  async usccsOf(m: EntityManager, ids: number[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { uscc: string }[] = await m.query(
      'SELECT uscc FROM enterprises WHERE id IN (?) ORDER BY id',
      [ids],
    );
    return rows.map((r) => r.uscc);
  }
}
