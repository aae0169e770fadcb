import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many enterprises a chunk was planned with, and for an incremental run
 * which ones. The selection of an incremental run is sparse (0.5% of the
 * population changes in a night), so a primary-key range holding 2,000 of
 * them spans ~400,000 enterprises that the chunk then read and tested again;
 * with its ids the chunk reads only what it scores (issue 22). A chunk that
 * fails after its last retry counts its size as failed, where recounting its
 * range overcounted.
 */
export class ChunkSize1764415000000 implements MigrationInterface {
  name = 'ChunkSize1764415000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE reclassification_chunks ADD COLUMN size INT UNSIGNED NULL AFTER to_id, ADD COLUMN ids JSON NULL AFTER size',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE reclassification_chunks DROP COLUMN ids, DROP COLUMN size');
  }
}
