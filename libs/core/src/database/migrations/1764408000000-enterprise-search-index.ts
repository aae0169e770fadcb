import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Name search within a jurisdiction (GET /enterprises?q=): `region_code LIKE '3301%'`
 * narrows by the leading column and the name substring is checked inside the same
 * index, so a search reads index entries of the jurisdiction, not table rows. The
 * composite index also serves every lookup the old region-only index did.
 * USCC prefix searches use the unique key on uscc.
 */
export class EnterpriseSearchIndex1764408000000 implements MigrationInterface {
  name = 'EnterpriseSearchIndex1764408000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE enterprises ADD KEY ix_enterprises_region_name (region_code, name), DROP KEY ix_enterprises_region',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE enterprises ADD KEY ix_enterprises_region (region_code), DROP KEY ix_enterprises_region_name',
    );
  }
}
