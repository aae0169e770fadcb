/**
 * A reclassification chunk commits one transaction: per enterprise an
 * assessment (history), its current assessment (insert or update, two row
 * events in a Galera write set at most), and its share of the chunk's
 * bookkeeping. The bytes are an upper bound of the rows' size as stored
 * (storage is ~4 KB per enterprise with indexes, performance.md).
 */
export const WRITE_SET_ROWS_PER_ENTERPRISE = 4;
export const WRITE_SET_BYTES_PER_ENTERPRISE = 4096;

/** Galera's limits on one transaction: 0 means none. */
export interface WriteSetLimits {
  maxRows: number;
  maxBytes: number;
}

/** Why chunks of `chunkSize` enterprises would exceed the cluster's write-set limits, or null. */
export function writeSetProblem(chunkSize: number, limits: WriteSetLimits): string | null {
  const rows = chunkSize * WRITE_SET_ROWS_PER_ENTERPRISE;
  const bytes = chunkSize * WRITE_SET_BYTES_PER_ENTERPRISE;
  if (limits.maxRows > 0 && rows > limits.maxRows)
    return `RECLASSIFY_CHUNK_SIZE ${chunkSize} writes up to ${rows} rows per transaction, over wsrep_max_ws_rows ${limits.maxRows}: lower it to ${Math.floor(limits.maxRows / WRITE_SET_ROWS_PER_ENTERPRISE)} or less`;
  if (limits.maxBytes > 0 && bytes > limits.maxBytes)
    return `RECLASSIFY_CHUNK_SIZE ${chunkSize} writes up to ${bytes} bytes per transaction, over wsrep_max_ws_size ${limits.maxBytes}: lower it to ${Math.floor(limits.maxBytes / WRITE_SET_BYTES_PER_ENTERPRISE)} or less`;
  return null;
}
