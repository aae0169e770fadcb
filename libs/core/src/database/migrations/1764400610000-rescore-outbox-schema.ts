import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Re-scorings that could not be queued because Redis was unreachable. A
 * worker moves them to the queue once it can (RescoreOutboxRelay), so a
 * write accepted during a Redis outage is still re-scored within seconds of
 * the outage ending instead of waiting for the nightly run.
 */
export class RescoreOutboxSchema1764400610000 implements MigrationInterface {
  name = 'RescoreOutboxSchema1764400610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rescore_outbox (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        uscc CHAR(18) NOT NULL,
        \`trigger\` VARCHAR(100) NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE rescore_outbox');
  }
}
