import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKER_NODE_FLAGS } from './node-flags';

describe('worker node flags', () => {
  it('are the flags npm run start:worker starts a worker with', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
    const script: string = pkg.scripts['start:worker'];
    expect(script).toContain(`node ${WORKER_NODE_FLAGS.join(' ')} dist/apps/worker/src/main.js`);
  });
});
