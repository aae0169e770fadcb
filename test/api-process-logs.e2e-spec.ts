import { IsolatedStack } from './support/isolated-stack';
import { eventually } from './support/test-worker';
import { testRunId } from './setup/test-environment';

/**
 * The API process's request log as an operator reads it: lines are written in
 * 4 KiB batches for speed, yet a quiet service shows each line within a
 * second, and a SIGTERM (Nest closes the app, then re-raises the signal, so no
 * exit handler runs) loses none.
 */
describe('API process request log (a process of its own)', () => {
  let stack: IsolatedStack;

  beforeAll(async () => {
    stack = await IsolatedStack.start(`crs_test_${testRunId()}_apilog`);
  }, 60_000);
  afterAll(() => stack?.stop());

  const lineOf = (log: string, id: string) =>
    log.split('\n').find((l) => l.includes('"request completed"') && l.includes(id));

  it('shows a request line while the process runs (flushed every second), and flushes the last ones on SIGTERM', async () => {
    const api = await stack.startApi();
    const first = await fetch(`${api.base}/api/v1/risk/summary`);
    const firstId = first.headers.get('x-request-id')!;
    expect(first.status).toBe(401);
    // Flushed by the timer while the process runs (a 4 KiB buffer alone would hold it):
    // polled, with a deadline.
    const line = await eventually(async () => lineOf(api.log(), firstId), 10_000, 50);
    expect(JSON.parse(line)).toMatchObject({
      req: { id: firstId, method: 'GET', url: '/api/v1/risk/summary' },
      res: { statusCode: 401 },
    });

    const last = await fetch(`${api.base}/api/v1/risk/summary?last=1`);
    const lastId = last.headers.get('x-request-id')!;
    const exited = new Promise((r) => api.process.once('exit', r));
    api.process.kill('SIGTERM');
    await exited;
    expect(lineOf(api.log(), lastId)).toBeDefined();
  }, 90_000);
});
