import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A draw anyone can check (issue 16 item 9). Each plan keeps the population it
 * drew from — canonical `USCC,TIER` lines, gzip'd in parts of 50,000 lines so
 * no statement nears max_allowed_packet whatever the population — and its
 * SHA-256 digest, the allowed ratio ranges in force (they bound the counts),
 * and whether the seed was the server's or the caller's.
 *
 * Plans drawn before this migration keep NULLs: no population was kept, so
 * they cannot be re-run (verify answers 409 PLAN_HAS_NO_POPULATION_SNAPSHOT),
 * and whether their seed was chosen is unknown (seedSource null).
 */
export class PlanDrawProof1764411000000 implements MigrationInterface {
  name = 'PlanDrawProof1764411000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inspection_plans
        ADD COLUMN seed_source VARCHAR(6) NULL AFTER seed,
        ADD COLUMN ratio_ranges JSON NULL AFTER ratios,
        ADD COLUMN population_digest CHAR(64) NULL AFTER population,
        ADD KEY ix_inspection_plans_created (created_at)`);
    await q.query(`
      CREATE TABLE inspection_plan_population_parts (
        plan_id BIGINT UNSIGNED NOT NULL,
        part INT UNSIGNED NOT NULL,
        line_count INT UNSIGNED NOT NULL,
        gz MEDIUMBLOB NOT NULL,
        PRIMARY KEY (plan_id, part),
        CONSTRAINT fk_population_parts_plan FOREIGN KEY (plan_id) REFERENCES inspection_plans (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inspection_plan_population_parts');
    await q.query(`
      ALTER TABLE inspection_plans
        DROP KEY ix_inspection_plans_created,
        DROP COLUMN population_digest,
        DROP COLUMN ratio_ranges,
        DROP COLUMN seed_source`);
  }
}
