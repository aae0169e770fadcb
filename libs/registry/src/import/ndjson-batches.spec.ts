import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { once } from 'node:events';
import { LineBatch, ndjsonBatches } from './ndjson-batches';

async function collect(input: Iterable<Buffer | string>, batchSize = 2, extra = {}) {
  const out: LineBatch[] = [];
  for await (const b of ndjsonBatches(Readable.from(input), { batchSize, ...extra })) out.push(b);
  return out;
}

describe('ndjsonBatches', () => {
  it('numbers lines like an editor, skips blank ones, and gives exact end offsets', async () => {
    const text = '{"a":1}\r\n\n  \n{"b":2}\n{"c":3}';
    const batches = await collect([text]);
    expect(batches.map((b) => b.lines.map((l) => [l.no, l.text, l.end]))).toEqual([
      [
        [1, '{"a":1}', 9],
        [4, '{"b":2}', 21],
      ],
      [[5, '{"c":3}', 28]],
    ]);
    expect(batches.map((b) => [b.end, b.nextLineNo])).toEqual([
      [21, 5],
      [28, 6],
    ]);
    expect(Buffer.byteLength(text)).toBe(28);
  });

  it('splits on bytes, so multi-byte characters cut across chunks survive, and offsets count bytes', async () => {
    const line = '{"name":"杭州西湖"}\n';
    const bytes = Buffer.from(line + line);
    const chunks = [...bytes].map((b) => Buffer.from([b])); // one byte per chunk
    const [batch] = await collect(chunks, 10);
    expect(batch.lines.map((l) => l.text)).toEqual([line.trim(), line.trim()]);
    expect(batch.lines.map((l) => l.end)).toEqual([bytes.length / 2, bytes.length]);
  });

  it('drops a byte-order mark, reports over-long and non-UTF-8 lines instead of keeping them', async () => {
    const long = 'x'.repeat(100);
    const [batch] = await collect(
      [Buffer.from('\ufeff{"a":1}\n' + long + '\n'), Buffer.from([0xff, 0xfe, 0x0a]), '{"b":2}\n'],
      10,
      { maxLineBytes: 50 },
    );
    expect(batch.lines.map((l) => [l.no, l.text, l.problem])).toEqual([
      [1, '{"a":1}', undefined],
      [2, null, 'line longer than 50 bytes'],
      [3, null, 'line is not valid UTF-8'],
      [4, '{"b":2}', undefined],
    ]);
  });

  it('resumes from a checkpoint: offset and line number carry on', async () => {
    const [batch] = await collect(['{"c":3}\n'], 10, { startOffset: 100, firstLineNo: 7 });
    expect(batch.lines[0]).toMatchObject({ no: 7, end: 108 });
    expect(batch).toMatchObject({ end: 108, nextLineNo: 8 });
  });

  it('streams a 200,000-line file in batches with flat memory, never holding it whole', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crs-ndjson-'));
    const path = join(dir, 'big.ndjson');
    try {
      const out = createWriteStream(path);
      const filler = 'x'.repeat(400);
      for (let i = 1; i <= 200_000; i++) {
        if (!out.write(`{"type":"enterprise","n":${i},"pad":"${filler}"}\n`))
          await once(out, 'drain');
      }
      out.end();
      await once(out, 'finish');
      const size = statSync(path).size; // ~88 MB

      const baseline = process.memoryUsage().heapUsed;
      let peak = 0;
      let batches = 0;
      let lines = 0;
      let largest = 0;
      let lastNo = 0;
      for await (const batch of ndjsonBatches(createReadStream(path), { batchSize: 500 })) {
        batches++;
        lines += batch.lines.length;
        largest = Math.max(largest, batch.lines.length);
        lastNo = batch.lines[batch.lines.length - 1].no;
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
      expect(lines).toBe(200_000);
      expect(lastNo).toBe(200_000);
      expect(batches).toBe(400);
      expect(largest).toBe(500);
      // One batch is ~210 KB and the measured peak ~10 MB (garbage not yet collected);
      // holding the file would take well over its 88 MB.
      expect(peak).toBeLessThan(size / 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
