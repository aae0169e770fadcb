import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Enterprises, their dated credit records, persons and links.
 * Plain MySQL 8 / MariaDB 10.11 DDL: no vendor-only syntax.
 */
export class RegistrySchema1764400000000 implements MigrationInterface {
  name = 'RegistrySchema1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE enterprises (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        uscc CHAR(18) NOT NULL,
        name VARCHAR(200) NOT NULL,
        region_code CHAR(6) NOT NULL,
        industry_code VARCHAR(8) NOT NULL,
        type VARCHAR(40) NOT NULL,
        registered_capital DECIMAL(18,2) NOT NULL,
        established_on DATE NOT NULL,
        status VARCHAR(12) NOT NULL,
        inputs_changed_at DATETIME(3) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_enterprises_uscc (uscc),
        KEY ix_enterprises_region (region_code),
        KEY ix_enterprises_inputs_changed (inputs_changed_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE credit_records (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        kind VARCHAR(32) NOT NULL,
        occurred_on DATE NOT NULL,
        status VARCHAR(12) NOT NULL DEFAULT 'ACTIVE',
        severity VARCHAR(10) NULL,
        amount DECIMAL(16,2) NULL,
        violation_type VARCHAR(64) NULL,
        restrictive TINYINT(1) NULL,
        restriction_ends_on DATE NULL,
        reason VARCHAR(500) NULL,
        result VARCHAR(12) NULL,
        title VARCHAR(200) NULL,
        year SMALLINT NULL,
        rating CHAR(1) NULL,
        document_no VARCHAR(100) NULL,
        reference VARCHAR(100) NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_records_enterprise_kind_status (enterprise_id, kind, status),
        CONSTRAINT fk_records_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE persons (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        id_hash CHAR(64) NOT NULL,
        name VARCHAR(100) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_persons_id_hash (id_hash)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE enterprise_persons (
        enterprise_id BIGINT UNSIGNED NOT NULL,
        person_id BIGINT UNSIGNED NOT NULL,
        role VARCHAR(24) NOT NULL,
        PRIMARY KEY (enterprise_id, person_id, role),
        KEY ix_enterprise_persons_person (person_id),
        CONSTRAINT fk_links_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id),
        CONSTRAINT fk_links_person FOREIGN KEY (person_id) REFERENCES persons (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE enterprise_persons');
    await q.query('DROP TABLE persons');
    await q.query('DROP TABLE credit_records');
    await q.query('DROP TABLE enterprises');
  }
}
