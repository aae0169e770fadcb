/** One physical line of an NDJSON stream. */
export interface RawLine {
  /** 1-based, as an editor shows it (blank lines count). */
  no: number;
  /** The decoded line; null when it was longer than `maxLineBytes` or not valid UTF-8. */
  text: string | null;
  problem?: string;
  /** Byte offset just after this line's newline: where a resumed import starts. */
  end: number;
}

export interface LineBatch {
  lines: RawLine[];
  /** Byte offset after the last line of the batch (blank lines included). */
  end: number;
  /** Line number of the first line after the batch. */
  nextLineNo: number;
}

export interface BatchOptions {
  /** At most this many non-blank lines per batch. */
  batchSize: number;
  /** A batch also ends once its lines hold this many bytes, so memory stays bounded by bytes too. */
  maxBatchBytes?: number;
  /** Longer lines are reported, not kept: one huge line cannot exhaust memory. */
  maxLineBytes?: number;
  /** Where the stream starts in the file (resuming) and that position's line number. */
  startOffset?: number;
  firstLineNo?: number;
}

export const MAX_LINE_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;
const BOM = '\ufeff';

/**
 * Splits a byte stream into batches of lines without ever holding more than
 * one batch (plus one partial line) in memory: the stream is pulled with
 * `for await`, so it is paused while the caller works on a batch.
 *
 * Splitting happens on bytes (0x0A never occurs inside a UTF-8 sequence), so
 * every line carries its exact end offset for checkpoints. Blank lines are
 * skipped but still counted in line numbers and offsets.
 */
export async function* ndjsonBatches(
  input: AsyncIterable<Buffer | string>,
  opts: BatchOptions,
): AsyncGenerator<LineBatch> {
  const maxLineBytes = opts.maxLineBytes ?? MAX_LINE_BYTES;
  const maxBatchBytes = opts.maxBatchBytes ?? 8 * 1024 * 1024;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = opts.startOffset ?? 0;
  let lineNo = opts.firstLineNo ?? 1;
  let pieces: Buffer[] = [];
  let pieceBytes = 0;
  let tooLong = false;
  let lines: RawLine[] = [];
  let batchBytes = 0;

  const finishLine = (end: number): void => {
    const no = lineNo++;
    offset = end;
    if (tooLong) {
      lines.push({ no, text: null, problem: `line longer than ${maxLineBytes} bytes`, end });
    } else {
      const bytes = pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, pieceBytes);
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        lines.push({ no, text: null, problem: 'line is not valid UTF-8', end });
        return resetLine();
      }
      if (no === 1 && text.startsWith(BOM)) text = text.slice(1);
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (text.trim() !== '') {
        lines.push({ no, text, end });
        batchBytes += pieceBytes;
      }
    }
    resetLine();
  };
  const resetLine = (): void => {
    pieces = [];
    pieceBytes = 0;
    tooLong = false;
  };
  const batchFull = () => lines.length >= opts.batchSize || batchBytes >= maxBatchBytes;
  const takeBatch = (): LineBatch => {
    const batch = { lines, end: offset, nextLineNo: lineNo };
    lines = [];
    batchBytes = 0;
    return batch;
  };

  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    // The partial line started at `offset`; its bytes so far came from earlier chunks.
    const chunkStart = offset + pieceBytes;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, from);
      const to = nl === -1 ? buf.length : nl;
      if (!tooLong) {
        if (pieceBytes + (to - from) > maxLineBytes) {
          tooLong = true;
          pieces = [];
        } else if (to > from) {
          pieces.push(buf.subarray(from, to));
        }
      }
      pieceBytes += to - from;
      if (nl === -1) break;
      finishLine(chunkStart + nl + 1);
      if (batchFull()) yield takeBatch();
      from = nl + 1;
    }
  }
  if (pieceBytes > 0 || tooLong) finishLine(offset + pieceBytes);
  if (lines.length > 0) yield takeBatch();
}
