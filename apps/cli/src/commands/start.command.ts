import { AppConfig, migrate, SystemClock } from '@app/core';
import { RunService } from '@app/reclassification';
import { startApi } from '../../../api/src/main';
import { startWorker } from '../../../worker/src/main';
import { DEMO, seedDemoIfEmpty, wantsDemo } from './demo-population';

export const startHelp = `start [--no-demo]
  Applies pending migrations (creating the database if missing), then serves the API and runs a worker
  in this one process. For separate processes use \`npm run start:api\` and \`npm run start:worker\`.
  In development an empty registry first gets a demo population (${DEMO.enterprises.toLocaleString('en')} synthetic
  enterprises, seed ${DEMO.seed}) and one full classification; --no-demo (or DEMO_DATA=false) starts empty.`;

export async function startCommand(argv: string[] = []): Promise<void> {
  const config = AppConfig.fromEnvironment();
  const ran = await migrate(config);
  if (ran.length) console.log(`applied ${ran.length} migration(s): ${ran.join(', ')}`);
  const seeded = wantsDemo(config, argv)
    ? await seedDemoIfEmpty(config, new SystemClock().today())
    : 0;
  const worker = await startWorker();
  if (seeded > 0) {
    const run = await worker
      .get(RunService)
      .start({ mode: 'full', dryRun: false }, 'cli:demo-population');
    console.log(
      `demo population: ${seeded.toLocaleString('en')} enterprises (seed ${DEMO.seed}); classifying them in run #${run.id} (npm start -- --no-demo to start empty)`,
    );
  }
  // The API's start-up banner names every URL.
  await startApi();
}
