/**
 * A local 3-node MariaDB Galera cluster and Redis with Sentinel, to try the
 * service on (docs/scaling.md); the cluster tests start their own.
 *
 *   npm run cluster -- start [dir]   # prints the environment to run the service with
 *   npm run cluster -- stop [dir]
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster, SENTINEL_NAME } from '../test/support/local-cluster';

async function main() {
  const [command, dir = join(tmpdir(), 'crs-local-cluster')] = process.argv.slice(2);
  if (command === 'start') {
    const c = await LocalCluster.start(dir);
    console.log(`# a 3-node Galera cluster and Redis with 3 sentinels, data under ${dir}`);
    console.log(`export DATABASE_URL='${c.databaseUrl('credit_risk')}'`);
    console.log(`export REDIS_SENTINELS='${c.sentinels}' REDIS_SENTINEL_NAME='${SENTINEL_NAME}'`);
    console.log(`# stop with: npm run cluster -- stop ${dir}`);
    process.exit(0);
  }
  if (command === 'stop') {
    LocalCluster.stopDir(dir);
    console.log(`stopped what ran under ${dir}`);
    return;
  }
  console.error('usage: npm run cluster -- start|stop [dir]');
  process.exit(2);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
