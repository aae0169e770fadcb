import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail: who read risk data or took a decision, when, and with what
 * outcome. Append-only twice over: the code has no UPDATE or DELETE path, and
 * the triggers refuse both, so an entry cannot be altered through the
 * service's own database account either (retention is an operator's job:
 * drop the triggers, purge, recreate them, and say so in the change log).
 */
export class AuditSchema1764400600000 implements MigrationInterface {
  name = 'AuditSchema1764400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        at DATETIME(3) NOT NULL,
        actor_sub VARCHAR(100) NOT NULL,
        actor_role VARCHAR(12) NOT NULL,
        actor_region VARCHAR(6) NULL,
        action VARCHAR(40) NOT NULL,
        resource VARCHAR(100) NULL,
        uscc CHAR(18) NULL,
        status_code SMALLINT UNSIGNED NOT NULL,
        request_id VARCHAR(64) NULL,
        ip VARCHAR(45) NULL,
        PRIMARY KEY (id),
        KEY ix_audit_log_at (at),
        KEY ix_audit_log_actor_at (actor_sub, at),
        KEY ix_audit_log_uscc_at (uscc, at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log FOR EACH ROW
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`);
    await q.query(`
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log FOR EACH ROW
        SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'audit_log is append-only'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log');
  }
}
