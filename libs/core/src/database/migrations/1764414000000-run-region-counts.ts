import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A run's counts per district and its first classifications, so that a
 * regulator reads the counts of its own jurisdiction out of a national run
 * and a first run says "first classified" rather than "changed" (issue 17).
 */
export class RunRegionCounts1764414000000 implements MigrationInterface {
  name = 'RunRegionCounts1764414000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE reclassification_runs
        ADD COLUMN first_classified INT UNSIGNED NOT NULL DEFAULT 0 AFTER transitions,
        ADD COLUMN by_region JSON NULL AFTER first_classified`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE reclassification_runs DROP COLUMN by_region, DROP COLUMN first_classified',
    );
  }
}
