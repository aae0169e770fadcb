import {
  formatDuration,
  formatRunSummary,
  formatTiers,
  formatTransitions,
  isFinished,
  RunView,
} from './run-format';
import { progressPayload } from './run-progress-bar';

function run(overrides: Partial<RunView> = {}): RunView {
  return {
    id: 7,
    status: 'completed',
    mode: 'full',
    modelVersion: 'samr-general-v1',
    modelHash: 'h',
    region: null,
    asOf: '2026-06-15',
    dryRun: false,
    total: 1_000_000,
    processed: 1_000_000,
    changed: 1234,
    firstClassified: 0,
    countsRegion: null,
    failed: 0,
    chunks: { total: 500, done: 500, failed: 0 },
    ratePerSecond: 10_000,
    requestedBy: 'cli:ops',
    error: null,
    createdAt: '2026-06-15T02:00:00.000Z',
    startedAt: '2026-06-15T02:00:00.000Z',
    finishedAt: '2026-06-15T02:01:40.000Z',
    byTier: { A: 600_000, B: 300_000, C: 90_000, D: 10_000 },
    transitions: { 'A>B': 1000, 'B>A': 200, 'C>D': 34 },
    ...overrides,
  };
}

describe('run formatting', () => {
  it.each([
    [null, '--'],
    [Infinity, '--'],
    [0, '0s'],
    [42.4, '42s'],
    [59.6, '1m 00s'],
    [185, '3m 05s'],
    [3720, '1h 02m'],
  ])('formats %s seconds as %s', (s, text) => {
    expect(formatDuration(s)).toBe(text);
  });

  it('knows when a run is over', () => {
    expect(isFinished({ status: 'completed' })).toBe(true);
    expect(isFinished({ status: 'failed' })).toBe(true);
    expect(isFinished({ status: 'running' })).toBe(false);
    expect(isFinished({ status: 'queued' })).toBe(false);
  });

  it('summarises outcome, duration and rate in one line', () => {
    const first = formatRunSummary(run()).split('\n')[0];
    expect(first).toBe(
      'run 7 completed in 1m 40s: 1,000,000 of 1,000,000 enterprises, 1,234 changed, 0 failed, 10,000/s',
    );
  });

  it('says how many were classified for the first time instead of calling them changes', () => {
    const first = formatRunSummary(run({ changed: 1000, firstClassified: 1000, transitions: {} }));
    expect(first.split('\n')[0]).toContain('1,000 classified for the first time, 0 changed');
  });

  it('says a dry run stored nothing and shows why a run failed', () => {
    const text = formatRunSummary(
      run({
        status: 'failed',
        dryRun: true,
        failed: 2000,
        error: '1 chunk(s) failed after all retries',
      }),
    );
    expect(text).toContain('run 7 failed in 1m 40s (dry run: nothing stored)');
    expect(text).toContain('2,000 failed');
    expect(text).toContain('error: 1 chunk(s) failed after all retries');
  });

  it('tabulates tiers with their shares', () => {
    const lines = formatTiers({ A: 600_000, B: 300_000, C: 90_000, D: 10_000 }).split('\n');
    expect(lines[0]).toMatch(/^tier\s+A\s+B\s+C\s+D$/);
    expect(lines[1]).toMatch(/^enterprises\s+600,000\s+300,000\s+90,000\s+10,000$/);
    expect(lines[2]).toMatch(/^share\s+60\.0%\s+30\.0%\s+9\.0%\s+1\.0%$/);
    expect(formatTiers({ A: 0, B: 0, C: 0, D: 0 }).split('\n')[2]).toMatch(/^share(\s+--){4}$/);
  });

  it('draws transitions as a from × to matrix', () => {
    const lines = formatTransitions({ 'A>B': 1000, 'B>A': 200, 'C>D': 34 }).split('\n');
    expect(lines[0]).toBe('transitions (1,234 enterprises changed tier; rows: from, columns: to)');
    const cells = lines.slice(2).map((l) => l.trim().split(/\s+/));
    expect(cells).toEqual([
      ['A', '·', '1,000', '0', '0'],
      ['B', '200', '·', '0', '0'],
      ['C', '0', '0', '·', '34'],
      ['D', '0', '0', '0', '·'],
    ]);
    expect(formatTransitions({})).toBe('transitions: no enterprise changed tier');
  });
});

describe('progress payload', () => {
  it('shows done/total, the measured rate and the time left', () => {
    const p = progressPayload(
      run({ status: 'running', total: 100_000, processed: 38_000, failed: 2000 }),
      2000,
    );
    expect(p).toMatchObject({ done: '40,000', all: '100,000', rate: '2,000', remaining: '30s' });
  });

  it('shows no guess before the run is planned or the rate is known', () => {
    expect(progressPayload(run({ status: 'queued', total: 0, processed: 0 }), null)).toMatchObject({
      done: '0',
      all: '0',
      rate: '--',
      remaining: '--',
    });
    expect(progressPayload(run({ status: 'running', processed: 10 }), null).remaining).toBe('--');
  });
});
