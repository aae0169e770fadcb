import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch reclassification runs and their chunks. A chunk row is written in the
 * same transaction as the chunk's assessments, so a retried chunk job sees it
 * done and writes nothing twice. `active_key` is set only while a run is
 * queued or running; its unique index refuses a second run for the same
 * as-of date, mode and region.
 */
export class ReclassificationSchema1764400200000 implements MigrationInterface {
  name = 'ReclassificationSchema1764400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE reclassification_runs (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        mode VARCHAR(12) NOT NULL,
        model_version VARCHAR(64) NOT NULL,
        model_hash CHAR(64) NOT NULL,
        region VARCHAR(6) NOT NULL DEFAULT '',
        as_of DATE NOT NULL,
        dry_run TINYINT(1) NOT NULL DEFAULT 0,
        status VARCHAR(12) NOT NULL,
        active_key VARCHAR(64) NULL,
        changed_since DATETIME(3) NULL,
        total INT NOT NULL DEFAULT 0,
        processed INT NOT NULL DEFAULT 0,
        changed INT NOT NULL DEFAULT 0,
        failed INT NOT NULL DEFAULT 0,
        chunks_total INT NOT NULL DEFAULT 0,
        chunks_done INT NOT NULL DEFAULT 0,
        chunks_failed INT NOT NULL DEFAULT 0,
        by_tier JSON NULL,
        transitions JSON NULL,
        requested_by VARCHAR(100) NOT NULL,
        error VARCHAR(1000) NULL,
        created_at DATETIME(3) NOT NULL,
        started_at DATETIME(3) NULL,
        finished_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_runs_active_key (active_key),
        KEY ix_runs_status_started (status, started_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE reclassification_chunks (
        run_id BIGINT UNSIGNED NOT NULL,
        chunk_no INT NOT NULL,
        from_id BIGINT UNSIGNED NOT NULL,
        to_id BIGINT UNSIGNED NOT NULL,
        status VARCHAR(12) NOT NULL,
        processed INT NOT NULL DEFAULT 0,
        changed INT NOT NULL DEFAULT 0,
        stats JSON NULL,
        finished_at DATETIME(3) NULL,
        PRIMARY KEY (run_id, chunk_no),
        CONSTRAINT fk_chunks_run FOREIGN KEY (run_id) REFERENCES reclassification_runs (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE reclassification_chunks');
    await q.query('DROP TABLE reclassification_runs');
  }
}
