import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Inspectors (the second 随机 of 双随机) with their declared conflicts of
 * interest, and inspection plans with their drawn enterprises.
 *
 * Plans are immutable by construction: the service has no UPDATE or DELETE
 * path for them. Each item copies the enterprise's USCC, name, region and tier
 * as they were in the draw's snapshot, so a published plan (一公开) never
 * changes when the registry does.
 */
export class SupervisionSchema1764400400000 implements MigrationInterface {
  name = 'SupervisionSchema1764400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE inspectors (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        region_code VARCHAR(6) NOT NULL,
        name VARCHAR(100) NOT NULL,
        active TINYINT(1) NOT NULL DEFAULT 1,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        KEY ix_inspectors_region_active (region_code, active)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    // By USCC rather than enterprise id: a conflict may be declared before the
    // enterprise is registered, and USCC is what the declaration form names.
    await q.query(`
      CREATE TABLE inspector_conflicts (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        inspector_id BIGINT UNSIGNED NOT NULL,
        uscc CHAR(18) NOT NULL,
        reason VARCHAR(500) NOT NULL,
        created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
        PRIMARY KEY (id),
        UNIQUE KEY uq_inspector_conflicts (inspector_id, uscc),
        CONSTRAINT fk_conflicts_inspector FOREIGN KEY (inspector_id) REFERENCES inspectors (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE inspection_plans (
        id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
        name VARCHAR(200) NOT NULL,
        created_by VARCHAR(100) NOT NULL,
        region VARCHAR(6) NOT NULL,
        seed VARCHAR(128) NOT NULL,
        algorithm VARCHAR(100) NOT NULL,
        ratios JSON NOT NULL,
        population JSON NOT NULL,
        counts JSON NOT NULL,
        population_total INT UNSIGNED NOT NULL,
        drawn_total INT UNSIGNED NOT NULL,
        created_at DATETIME(3) NOT NULL,
        PRIMARY KEY (id),
        KEY ix_inspection_plans_region (region, id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
    await q.query(`
      CREATE TABLE inspection_plan_items (
        plan_id BIGINT UNSIGNED NOT NULL,
        position INT UNSIGNED NOT NULL,
        enterprise_id BIGINT UNSIGNED NOT NULL,
        uscc CHAR(18) NOT NULL,
        name VARCHAR(200) NOT NULL,
        region_code CHAR(6) NOT NULL,
        tier CHAR(1) NOT NULL,
        inspector_1_id BIGINT UNSIGNED NOT NULL,
        inspector_2_id BIGINT UNSIGNED NOT NULL,
        PRIMARY KEY (plan_id, position),
        KEY ix_plan_items_enterprise (enterprise_id),
        CONSTRAINT fk_plan_items_plan FOREIGN KEY (plan_id) REFERENCES inspection_plans (id),
        CONSTRAINT fk_plan_items_enterprise FOREIGN KEY (enterprise_id) REFERENCES enterprises (id),
        CONSTRAINT fk_plan_items_inspector_1 FOREIGN KEY (inspector_1_id) REFERENCES inspectors (id),
        CONSTRAINT fk_plan_items_inspector_2 FOREIGN KEY (inspector_2_id) REFERENCES inspectors (id)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE inspection_plan_items');
    await q.query('DROP TABLE inspection_plans');
    await q.query('DROP TABLE inspector_conflicts');
    await q.query('DROP TABLE inspectors');
  }
}
