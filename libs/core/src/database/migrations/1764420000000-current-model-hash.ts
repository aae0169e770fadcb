import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 22: an incremental run finds the enterprises classified by another
 * model through this index (two short range scans around the active hash)
 * instead of joining every enterprise to its current assessment.
 */
export class CurrentModelHash1764420000000 implements MigrationInterface {
  name = 'CurrentModelHash1764420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE current_assessments ADD KEY ix_current_model_hash (model_hash)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE current_assessments DROP KEY ix_current_model_hash');
  }
}
