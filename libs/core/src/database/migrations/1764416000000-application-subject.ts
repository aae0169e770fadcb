import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An application names its enterprise's USCC and its record's kind, as filed:
 * both are fixed for the application's life (a USCC is the enterprise's
 * identity, a record never changes kind), and with them the repair library
 * lists, shows and sweeps applications without joining the registry's tables
 * (one table, one owner: issue 18).
 */
export class ApplicationSubject1764416000000 implements MigrationInterface {
  name = 'ApplicationSubject1764416000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE repair_applications
        ADD COLUMN uscc CHAR(18) NULL AFTER enterprise_id,
        ADD COLUMN record_kind VARCHAR(32) NULL AFTER record_id`);
    await q.query(`
      UPDATE repair_applications a
        JOIN enterprises e ON e.id = a.enterprise_id
        JOIN credit_records r ON r.id = a.record_id
         SET a.uscc = e.uscc, a.record_kind = r.kind`);
    await q.query(`
      ALTER TABLE repair_applications
        MODIFY uscc CHAR(18) NOT NULL,
        MODIFY record_kind VARCHAR(32) NOT NULL,
        ADD KEY ix_repair_applications_uscc (uscc, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE repair_applications DROP KEY ix_repair_applications_uscc, DROP COLUMN record_kind, DROP COLUMN uscc',
    );
  }
}
