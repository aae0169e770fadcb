import { DataSource } from 'typeorm';
import { AppConfig, dataSourceOptions } from '@app/core';
import { seedPopulation } from './seed.command';

/** The demo population `npm start` gives an empty development registry. */
export const DEMO = { enterprises: 10_000, seed: 20260615 } as const;

/** Whether this start should fill an empty registry: development only, unless switched off. */
export function wantsDemo(config: AppConfig, argv: readonly string[]): boolean {
  return (
    config.env.NODE_ENV === 'development' &&
    config.env.DEMO_DATA !== 'false' &&
    !argv.includes('--no-demo')
  );
}

/**
 * Seeds the demo population when the registry is empty; returns how many
 * enterprises were written (0: there was data already, nothing touched).
 */
export async function seedDemoIfEmpty(config: AppConfig, asOf: string): Promise<number> {
  const db = new DataSource(dataSourceOptions(config));
  await db.initialize();
  try {
    const [{ n }] = await db.query('SELECT COUNT(*) AS n FROM enterprises');
    if (Number(n) > 0) return 0;
    await seedPopulation(db, { ...DEMO, asOf });
    return DEMO.enterprises;
  } finally {
    await db.destroy();
  }
}
