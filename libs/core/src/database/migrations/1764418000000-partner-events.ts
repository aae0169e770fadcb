import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 20: the transactional outbox of partner events (联合惩戒). A row is
 * written in the same transaction as the change it announces, so an event
 * exists exactly when its change committed. `id` orders the events (per
 * enterprise: its index); `event_id` is the stable public id partners
 * deduplicate by. Public facts only: the payload never holds a tier, score or
 * measure.
 */
export class PartnerEvents1764418000000 implements MigrationInterface {
  name = 'PartnerEvents1764418000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE partner_events (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        event_id CHAR(40) NOT NULL,
        type VARCHAR(40) NOT NULL,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        region_code CHAR(6) NOT NULL,
        record_id BIGINT UNSIGNED NULL,
        payload JSON NOT NULL,
        occurred_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_partner_events_event (event_id),
        KEY ix_partner_events_enterprise (enterprise_id, id),
        KEY ix_partner_events_occurred (occurred_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE partner_events');
  }
}
