import type { PopulationBatch } from './population.types';

/** Runs one SQL statement with `?` placeholders (a mysql2 pool or a TypeORM data source). */
export type SqlExecutor = (sql: string, params: unknown[]) => Promise<unknown>;

const ENTERPRISE_COLUMNS =
  'id, uscc, name, region_code, industry_code, type, registered_capital, established_on, status, inputs_changed_at';
const RECORD_COLUMNS =
  'id, enterprise_id, kind, occurred_on, status, severity, amount, violation_type, restrictive, restriction_ends_on, reason, result, title, year, rating, document_no, authority_region';

/**
 * Writes generated batches with one multi-row INSERT per table and batch, in
 * primary-key order (ids come from the generator), which is what keeps
 * secondary-index maintenance sequential and a 100k seed well under a minute.
 */
export async function writePopulationBatch(
  exec: SqlExecutor,
  batch: PopulationBatch,
  now: Date,
): Promise<void> {
  if (batch.enterprises.length) {
    await exec(`INSERT INTO enterprises (${ENTERPRISE_COLUMNS}) VALUES ?`, [
      batch.enterprises.map((e) => [
        e.id,
        e.uscc,
        e.name,
        e.regionCode,
        e.industryCode,
        e.type,
        e.registeredCapital.toFixed(2),
        e.establishedOn,
        e.status,
        now,
      ]),
    ]);
  }
  if (batch.records.length) {
    // Generated records are issued where their enterprise is registered (the default authority).
    const region = new Map(batch.enterprises.map((e) => [e.id, e.regionCode]));
    await exec(`INSERT INTO credit_records (${RECORD_COLUMNS}) VALUES ?`, [
      batch.records.map((r) => [
        r.id,
        r.enterpriseId,
        r.kind,
        r.occurredOn,
        r.status,
        r.severity ?? null,
        r.amount === undefined ? null : r.amount.toFixed(2),
        r.violationType ?? null,
        r.restrictive === undefined || r.restrictive === null ? null : r.restrictive ? 1 : 0,
        r.restrictionEndsOn ?? null,
        r.reason ?? null,
        r.result ?? null,
        r.title ?? null,
        r.year ?? null,
        r.rating ?? null,
        r.documentNo ?? null,
        region.get(r.enterpriseId),
      ]),
    ]);
  }
  if (batch.persons.length) {
    await exec('INSERT INTO persons (id, id_hash, name) VALUES ?', [
      batch.persons.map((p) => [p.id, p.idHash, p.name]),
    ]);
  }
  if (batch.links.length) {
    await exec('INSERT INTO enterprise_persons (enterprise_id, person_id, role) VALUES ?', [
      batch.links.map((l) => [l.enterpriseId, l.personId, l.role]),
    ]);
  }
}
