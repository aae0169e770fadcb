import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { MAX_EVIDENCE_BYTES, UploadedEvidence } from '@app/repair';

/**
 * The one file of a multipart upload, in memory: nothing touches the disk
 * until EvidenceStore has checked its content. The size limit is enforced
 * while receiving (413 as soon as it is passed); anything but one part named
 * `file` is refused. No file at all is for EvidenceStore to refuse (400).
 */
export async function readEvidence(req: FastifyRequest): Promise<UploadedEvidence | undefined> {
  if (!req.isMultipart()) {
    throw new BadRequestException('Content-Type must be multipart/form-data with a field "file"');
  }
  const limits = { fileSize: MAX_EVIDENCE_BYTES, files: 1, fields: 0, parts: 1 };
  const part = await req.file({ limits }).catch(malformed);
  if (!part) return undefined;
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new BadRequestException(`unexpected multipart field "${part.fieldname}": send "file"`);
  }
  const buffer = await part.toBuffer().catch(malformed);
  if (part.file.truncated) {
    throw new PayloadTooLargeException(`file larger than ${MAX_EVIDENCE_BYTES} bytes`);
  }
  return { buffer, size: buffer.length };
}

/** The multipart parser's own errors carry a 4xx (413 for a limit); any other is a body it could not read. */
function malformed(err: { statusCode?: number; message?: string }): never {
  if (err.statusCode && err.statusCode < 500) throw err;
  throw new BadRequestException(`malformed multipart body: ${err.message ?? 'unreadable'}`);
}
