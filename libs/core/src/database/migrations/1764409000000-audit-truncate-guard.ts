import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail's triggers refuse UPDATE and DELETE, but TRUNCATE fires no
 * trigger. InnoDB refuses to truncate a table that a foreign key references,
 * so this empty table's key on audit_log makes `TRUNCATE audit_log` fail with
 * ER_TRUNCATE_ILLEGAL_FK (MariaDB and MySQL 8 alike). It holds no rows and
 * nothing writes it; dropping it is as deliberate as dropping the triggers.
 */
export class AuditTruncateGuard1764409000000 implements MigrationInterface {
  name = 'AuditTruncateGuard1764409000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log_truncate_guard (
        audit_id BIGINT UNSIGNED NULL,
        CONSTRAINT fk_audit_log_truncate_guard FOREIGN KEY (audit_id) REFERENCES audit_log (id)
      ) ENGINE=InnoDB`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_log_truncate_guard');
  }
}
