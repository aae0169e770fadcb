import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit repair: applications with their history and cited evidence, and the
 * uploaded evidence files (content-addressed by sha256).
 *
 * `open_record_id` is the record id while the application is open (SUBMITTED
 * or ACCEPTED) and NULL otherwise: a unique key over it enforces one open
 * application per record even when two submissions race, on MySQL 8 and
 * MariaDB alike (both allow many NULLs in a unique key).
 */
export class RepairSchema1764400300000 implements MigrationInterface {
  name = 'RepairSchema1764400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE evidence_files (
        sha256 CHAR(64) NOT NULL,
        size INT UNSIGNED NOT NULL,
        content_type VARCHAR(40) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (sha256)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // Who uploaded which file: identical bytes uploaded by two enterprises are stored once
    // but belong to both, so ownership cannot be a column of evidence_files.
    await q.query(`
      CREATE TABLE evidence_uploads (
        sha256 CHAR(64) NOT NULL,
        uploaded_by_uscc CHAR(18) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (sha256, uploaded_by_uscc),
        KEY ix_evidence_uploads_uscc (uploaded_by_uscc),
        CONSTRAINT fk_evidence_uploads_file FOREIGN KEY (sha256) REFERENCES evidence_files (sha256)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE repair_applications (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        record_id BIGINT UNSIGNED NOT NULL,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        region_code CHAR(6) NOT NULL,
        status VARCHAR(12) NOT NULL,
        version INT UNSIGNED NOT NULL DEFAULT 1,
        open_record_id BIGINT UNSIGNED NULL,
        policy_id VARCHAR(64) NOT NULL,
        reason VARCHAR(2000) NOT NULL,
        commitment TINYINT(1) NOT NULL,
        submitted_at DATETIME(3) NOT NULL,
        submitted_on DATE NOT NULL,
        accept_by DATE NOT NULL,
        accepted_on DATE NULL,
        decide_by DATE NULL,
        decided_at DATETIME(3) NULL,
        decided_on DATE NULL,
        overdue TINYINT(1) NOT NULL DEFAULT 0,
        calendar_fallback_years VARCHAR(64) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_repair_open_record (open_record_id),
        KEY ix_repair_region_status (region_code, status, id),
        KEY ix_repair_record_status (record_id, status),
        KEY ix_repair_enterprise_status (enterprise_id, status),
        KEY ix_repair_region_overdue (region_code, overdue),
        CONSTRAINT fk_repair_record FOREIGN KEY (record_id) REFERENCES credit_records (id),
        CONSTRAINT fk_repair_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE repair_application_history (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        application_id BIGINT UNSIGNED NOT NULL,
        at DATETIME(3) NOT NULL,
        actor_sub VARCHAR(128) NOT NULL,
        actor_role VARCHAR(12) NOT NULL,
        action VARCHAR(12) NOT NULL,
        reason VARCHAR(2000) NULL,
        from_status VARCHAR(12) NOT NULL,
        to_status VARCHAR(12) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_repair_history_application (application_id, id),
        CONSTRAINT fk_repair_history_application FOREIGN KEY (application_id)
          REFERENCES repair_applications (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE repair_evidence (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        application_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(24) NOT NULL,
        title VARCHAR(200) NOT NULL,
        sha256 CHAR(64) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_repair_evidence_application (application_id),
        KEY ix_repair_evidence_sha256 (sha256),
        CONSTRAINT fk_repair_evidence_application FOREIGN KEY (application_id)
          REFERENCES repair_applications (id),
        CONSTRAINT fk_repair_evidence_file FOREIGN KEY (sha256) REFERENCES evidence_files (sha256)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE repair_evidence');
    await q.query('DROP TABLE repair_application_history');
    await q.query('DROP TABLE repair_applications');
    await q.query('DROP TABLE evidence_uploads');
    await q.query('DROP TABLE evidence_files');
  }
}
