import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The rules as the law has them (issue 16): what a record says about its
 * issuing authority, its field and the record it follows from; publicity that
 * restarts on revocation; suspension during a bankruptcy reorganisation; and
 * the one-time request for missing materials (补正) on an application.
 */
export class RecordRules1764413000000 implements MigrationInterface {
  name = 'RecordRules1764413000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE credit_records
        ADD COLUMN field VARCHAR(20) NULL AFTER restriction_ends_on,
        ADD COLUMN authority_region CHAR(6) NULL AFTER field,
        ADD COLUMN related_record_id BIGINT UNSIGNED NULL AFTER authority_region,
        ADD COLUMN publicity_from DATE NULL AFTER related_record_id,
        ADD COLUMN suspended_from DATE NULL AFTER publicity_from,
        ADD COLUMN suspended_until DATE NULL AFTER suspended_from,
        ADD COLUMN suspension_document_no VARCHAR(100) NULL AFTER suspended_until,
        ADD CONSTRAINT fk_records_related FOREIGN KEY (related_record_id) REFERENCES credit_records (id)`);
    // Existing records were issued where the enterprise was registered (the default).
    await q.query(`
      UPDATE credit_records r JOIN enterprises e ON e.id = r.enterprise_id
         SET r.authority_region = e.region_code`);
    await q.query(`
      UPDATE credit_records SET field = 'OTHER' WHERE kind = 'PENALTY' AND field IS NULL`);
    await q.query('ALTER TABLE credit_records MODIFY authority_region CHAR(6) NOT NULL');
    await q.query(`
      ALTER TABLE repair_applications
        MODIFY status VARCHAR(24) NOT NULL,
        ADD COLUMN authority_region CHAR(6) NULL AFTER region_code,
        ADD COLUMN materials_requested VARCHAR(200) NULL AFTER calendar_fallback_years,
        ADD COLUMN materials_requested_on DATE NULL AFTER materials_requested,
        ADD COLUMN supply_by DATE NULL AFTER materials_requested_on,
        ADD COLUMN also_repaired_record_id BIGINT UNSIGNED NULL AFTER supply_by,
        ADD KEY ix_repair_authority_status (authority_region, status, id)`);
    await q.query('UPDATE repair_applications SET authority_region = region_code');
    await q.query('ALTER TABLE repair_applications MODIFY authority_region CHAR(6) NOT NULL');
    await q.query(`
      ALTER TABLE repair_application_history
        MODIFY action VARCHAR(24) NOT NULL,
        MODIFY from_status VARCHAR(24) NOT NULL,
        MODIFY to_status VARCHAR(24) NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE repair_application_history
        MODIFY action VARCHAR(12) NOT NULL,
        MODIFY from_status VARCHAR(12) NOT NULL,
        MODIFY to_status VARCHAR(12) NOT NULL`);
    await q.query(`
      ALTER TABLE repair_applications
        DROP KEY ix_repair_authority_status,
        DROP COLUMN also_repaired_record_id, DROP COLUMN supply_by,
        DROP COLUMN materials_requested_on, DROP COLUMN materials_requested,
        DROP COLUMN authority_region, MODIFY status VARCHAR(12) NOT NULL`);
    await q.query(`
      ALTER TABLE credit_records
        DROP FOREIGN KEY fk_records_related,
        DROP COLUMN suspension_document_no, DROP COLUMN suspended_until,
        DROP COLUMN suspended_from, DROP COLUMN publicity_from,
        DROP COLUMN related_record_id, DROP COLUMN authority_region, DROP COLUMN field`);
  }
}
