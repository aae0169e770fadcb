import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Abnormal-list listings due for the serious dishonest list (列入经营异常名录
 * 满三年仍未履行相关义务的, 列入严重违法失信名单), owned by `supervision`'s daily
 * escalation sweep. One row per listing (record); a flag is closed, not
 * deleted, when the listing ends or a serious listing follows, and reopened if
 * the listing comes back in force. USCC, name and region are copied from the
 * registry at each sweep, so the regulators' list filters on its own columns.
 */
export class EscalationCandidates1764412000000 implements MigrationInterface {
  name = 'EscalationCandidates1764412000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE escalation_candidates (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        record_id BIGINT UNSIGNED NOT NULL,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        uscc CHAR(18) NOT NULL,
        name VARCHAR(200) NOT NULL,
        region_code CHAR(6) NOT NULL,
        listed_on DATE NOT NULL,
        flagged_at DATETIME(3) NOT NULL,
        closed_at DATETIME(3) NULL,
        closed_reason VARCHAR(20) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_escalation_candidates_record (record_id),
        KEY ix_escalation_candidates_open_region (closed_at, region_code, listed_on),
        KEY ix_escalation_candidates_enterprise (enterprise_id),
        CONSTRAINT fk_escalation_candidates_record FOREIGN KEY (record_id) REFERENCES credit_records (id),
        CONSTRAINT fk_escalation_candidates_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE escalation_candidates');
  }
}
