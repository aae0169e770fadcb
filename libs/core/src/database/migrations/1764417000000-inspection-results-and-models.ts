import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 19, closing the loop:
 * - a plan item holds its inspection result (once: the result columns are
 *   written by one guarded UPDATE), and a plan is closed when every item has one;
 * - a NOT_FOUND result opens a proposal to list the enterprise as abnormal,
 *   for the region's regulators to decide (never listed automatically);
 * - a run keeps the distribution of the scores it computed (for drift);
 * - the active model is state: proposals, a second admin's approval, activation;
 * - performance and drift are computed by the worker and stored; the API reads.
 */
export class InspectionResultsAndModels1764417000000 implements MigrationInterface {
  name = 'InspectionResultsAndModels1764417000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE inspection_plan_items
        ADD COLUMN result VARCHAR(10) NULL,
        ADD COLUMN inspected_on DATE NULL,
        ADD COLUMN document_no VARCHAR(100) NULL,
        ADD COLUMN findings VARCHAR(2000) NULL,
        ADD COLUMN penalty_record_id BIGINT UNSIGNED NULL,
        ADD COLUMN record_id BIGINT UNSIGNED NULL,
        ADD COLUMN result_by VARCHAR(100) NULL,
        ADD COLUMN result_at DATETIME(3) NULL,
        ADD UNIQUE KEY uq_plan_items_uscc (plan_id, uscc),
        ADD KEY ix_plan_items_inspected (inspected_on)`);
    await q.query('ALTER TABLE inspection_plans ADD COLUMN closed_at DATETIME(3) NULL');
    // Measuring a model reads the inspections of a period.
    await q.query(
      'ALTER TABLE credit_records ADD KEY ix_records_kind_occurred (kind, occurred_on)',
    );
    await q.query(`
      CREATE TABLE listing_proposals (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        plan_id BIGINT UNSIGNED NOT NULL,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        uscc CHAR(18) NOT NULL,
        name VARCHAR(200) NOT NULL,
        region_code CHAR(6) NOT NULL,
        inspection_record_id BIGINT UNSIGNED NOT NULL,
        inspected_on DATE NOT NULL,
        reason VARCHAR(500) NOT NULL,
        status VARCHAR(10) NOT NULL DEFAULT 'OPEN',
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_listing_proposals_record (inspection_record_id),
        KEY ix_listing_proposals_region (status, region_code, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query('ALTER TABLE reclassification_runs ADD COLUMN distribution JSON NULL');
    await q.query(`
      CREATE TABLE model_activations (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        version VARCHAR(64) NOT NULL,
        status VARCHAR(10) NOT NULL,
        dry_run_id BIGINT UNSIGNED NULL,
        attachments JSON NULL,
        reason VARCHAR(500) NULL,
        proposed_by VARCHAR(100) NOT NULL,
        proposed_at DATETIME(3) NOT NULL,
        decided_by VARCHAR(100) NULL,
        decided_at DATETIME(3) NULL,
        decision_reason VARCHAR(500) NULL,
        activated_at DATETIME(3) NULL,
        PRIMARY KEY (id),
        KEY ix_model_activations_status (status, activated_at)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE model_performance (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        model_version VARCHAR(64) NOT NULL,
        region VARCHAR(6) NOT NULL,
        window_from DATE NOT NULL,
        window_to DATE NOT NULL,
        run_id BIGINT UNSIGNED NULL,
        result JSON NOT NULL,
        computed_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        UNIQUE KEY uq_model_performance (model_version, region, window_from, window_to)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE run_drift (
        run_id BIGINT UNSIGNED NOT NULL,
        previous_run_id BIGINT UNSIGNED NULL,
        psi DOUBLE NULL,
        band VARCHAR(10) NULL,
        indicators JSON NOT NULL,
        computed_at DATETIME(3) NOT NULL,
        PRIMARY KEY (run_id),
        KEY ix_run_drift_band (band)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE run_drift');
    await q.query('DROP TABLE model_performance');
    await q.query('DROP TABLE model_activations');
    await q.query('ALTER TABLE reclassification_runs DROP COLUMN distribution');
    await q.query('DROP TABLE listing_proposals');
    await q.query('ALTER TABLE credit_records DROP KEY ix_records_kind_occurred');
    await q.query('ALTER TABLE inspection_plans DROP COLUMN closed_at');
    await q.query(`
      ALTER TABLE inspection_plan_items
        DROP KEY uq_plan_items_uscc, DROP KEY ix_plan_items_inspected,
        DROP COLUMN result, DROP COLUMN inspected_on, DROP COLUMN document_no,
        DROP COLUMN findings, DROP COLUMN penalty_record_id, DROP COLUMN record_id,
        DROP COLUMN result_by, DROP COLUMN result_at`);
  }
}
