import { DataSource } from 'typeorm';

/**
 * Suites that activate another model put samr-general-v1 back through the
 * API; this is the safety net when one fails half-way, since the suites after
 * it score with v1 in the same database.
 */
export async function restoreDefaultModel(db: DataSource): Promise<void> {
  const [active] = await db.query("SELECT version FROM model_activations WHERE status = 'ACTIVE'");
  if (active?.version === 'samr-general-v1') return;
  await db.query("UPDATE model_activations SET status = 'RETIRED' WHERE status = 'ACTIVE'");
  await db.query(
    "UPDATE model_activations SET status = 'ACTIVE', activated_at = NOW(3) WHERE id = 1",
  );
}
