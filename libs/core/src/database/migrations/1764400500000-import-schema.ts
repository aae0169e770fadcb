import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk imports (POST /imports, npm run import) and the first rejected lines of
 * each. `next_offset`/`next_line` are the checkpoint: they move in the same
 * transaction as a batch's writes, so an import resumed after a crash starts
 * exactly after the last committed batch and never applies a line twice.
 * (`lines` is a reserved word in MySQL, hence `lines_read`.)
 */
export class ImportSchema1764400500000 implements MigrationInterface {
  name = 'ImportSchema1764400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE imports (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        status VARCHAR(12) NOT NULL,
        source VARCHAR(8) NOT NULL,
        file_path VARCHAR(1000) NOT NULL,
        bytes_total BIGINT UNSIGNED NOT NULL DEFAULT 0,
        next_offset BIGINT UNSIGNED NOT NULL DEFAULT 0,
        next_line INT UNSIGNED NOT NULL DEFAULT 1,
        lines_read INT UNSIGNED NOT NULL DEFAULT 0,
        accepted INT UNSIGNED NOT NULL DEFAULT 0,
        rejected INT UNSIGNED NOT NULL DEFAULT 0,
        enterprises INT UNSIGNED NOT NULL DEFAULT 0,
        records INT UNSIGNED NOT NULL DEFAULT 0,
        records_skipped INT UNSIGNED NOT NULL DEFAULT 0,
        persons INT UNSIGNED NOT NULL DEFAULT 0,
        inputs_changed INT UNSIGNED NOT NULL DEFAULT 0,
        requested_by VARCHAR(100) NOT NULL,
        error VARCHAR(1000) NULL,
        created_at DATETIME(3) NOT NULL,
        started_at DATETIME(3) NULL,
        finished_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_imports_status (status, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE import_rejections (
        import_id BIGINT UNSIGNED NOT NULL,
        line_no INT UNSIGNED NOT NULL,
        reason VARCHAR(1000) NOT NULL,
        PRIMARY KEY (import_id, line_no),
        CONSTRAINT fk_import_rejections_import FOREIGN KEY (import_id) REFERENCES imports (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE import_rejections');
    await q.query('DROP TABLE imports');
  }
}
