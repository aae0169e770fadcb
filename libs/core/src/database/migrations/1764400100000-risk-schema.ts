import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assessment history (a row per change of tier, score, factors or vetoes) and
 * the current assessment of each enterprise, one indexed row per read.
 */
export class RiskSchema1764400100000 implements MigrationInterface {
  name = 'RiskSchema1764400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE assessments (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        run_id BIGINT UNSIGNED NULL,
        \`trigger\` VARCHAR(100) NOT NULL,
        tier CHAR(1) NOT NULL,
        score SMALLINT NOT NULL,
        model_version VARCHAR(64) NOT NULL,
        model_hash CHAR(64) NOT NULL,
        as_of DATE NOT NULL,
        next_review_on DATE NULL,
        fingerprint CHAR(40) NOT NULL,
        factors JSON NOT NULL,
        vetoes JSON NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_assessments_run_enterprise (run_id, enterprise_id),
        KEY ix_assessments_enterprise_as_of (enterprise_id, as_of, id),
        CONSTRAINT fk_assessments_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE current_assessments (
        enterprise_id BIGINT UNSIGNED NOT NULL,
        region_code CHAR(6) NOT NULL,
        tier CHAR(1) NOT NULL,
        score SMALLINT NOT NULL,
        model_version VARCHAR(64) NOT NULL,
        model_hash CHAR(64) NOT NULL,
        as_of DATE NOT NULL,
        next_review_on DATE NULL,
        fingerprint CHAR(40) NOT NULL,
        factors JSON NOT NULL,
        vetoes JSON NOT NULL,
        assessed_at DATETIME(3) NOT NULL,
        PRIMARY KEY (enterprise_id),
        KEY ix_current_region_tier (region_code, tier),
        KEY ix_current_tier (tier),
        KEY ix_current_next_review (next_review_on),
        CONSTRAINT fk_current_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE current_assessments');
    await q.query('DROP TABLE assessments');
  }
}
