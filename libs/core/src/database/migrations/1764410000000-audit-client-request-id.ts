import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * request_id is ours (a UUID per request); what a client sent in
 * X-Request-Id is kept beside it in its own column, labelled as the
 * client's, instead of being taken for ours (security round 2, item 8).
 */
export class AuditClientRequestId1764410000000 implements MigrationInterface {
  name = 'AuditClientRequestId1764410000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE audit_log ADD COLUMN client_request_id VARCHAR(64) NULL AFTER request_id',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_log DROP COLUMN client_request_id');
  }
}
