import { writeSetProblem } from './write-set';

describe('chunk size against Galera write-set limits', () => {
  it('accepts any chunk without limits, and the default chunk under the defaults', () => {
    expect(writeSetProblem(100_000, { maxRows: 0, maxBytes: 0 })).toBeNull();
    expect(writeSetProblem(2000, { maxRows: 0, maxBytes: 2 ** 31 - 1 })).toBeNull();
  });

  it('names the setting, the limit and the largest chunk that fits', () => {
    expect(writeSetProblem(2000, { maxRows: 4000, maxBytes: 0 })).toBe(
      'RECLASSIFY_CHUNK_SIZE 2000 writes up to 8000 rows per transaction, over wsrep_max_ws_rows 4000: lower it to 1000 or less',
    );
    expect(writeSetProblem(1000, { maxRows: 4000, maxBytes: 0 })).toBeNull();
    expect(writeSetProblem(2000, { maxRows: 0, maxBytes: 4 * 1024 * 1024 })).toMatch(
      /over wsrep_max_ws_size 4194304: lower it to 1024 or less/,
    );
  });
});
