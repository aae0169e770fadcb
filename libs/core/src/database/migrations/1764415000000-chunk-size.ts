import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How many enterprises a chunk was planned with. A chunk that fails after its
 * last retry counts that many as failed; recounting its primary-key range
 * overcounted an incremental chunk, whose range also holds enterprises that
 * did not change (and read the registry's table from the run's library).
 */
export class ChunkSize1764415000000 implements MigrationInterface {
  name = 'ChunkSize1764415000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE reclassification_chunks ADD COLUMN size INT UNSIGNED NULL AFTER to_id',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE reclassification_chunks DROP COLUMN size');
  }
}
