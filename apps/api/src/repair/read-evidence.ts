import { BadRequestException } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { EvidenceStore, MAX_EVIDENCE_BYTES, UploadedEvidence } from '@app/repair';

/**
 * The one file of a multipart upload, streamed by EvidenceStore to a temp
 * file under EVIDENCE_DIR and hashed on the way (never whole in memory). The
 * body must be exactly one file part named `file`: a text field, a part of
 * another name or a second file is a 400 naming it. The size limit cuts the
 * file off while receiving (EvidenceStore.save answers 413). No file at all is
 * for EvidenceStore to refuse (400).
 */
export async function readEvidence(
  req: FastifyRequest,
  store: EvidenceStore,
): Promise<UploadedEvidence | undefined> {
  if (!req.isMultipart()) {
    throw new BadRequestException('Content-Type must be multipart/form-data with a field "file"');
  }
  // Limits above one so that an extra part reaches the checks below (400), not the parser's 413.
  const limits = { fileSize: MAX_EVIDENCE_BYTES, files: 2, fields: 1, parts: 3 };
  let received: UploadedEvidence | undefined;
  try {
    for await (const part of req.parts({ limits })) {
      if (part.type === 'field') {
        throw new BadRequestException(
          `unexpected multipart text field "${part.fieldname}": send only the file "file"`,
        );
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw new BadRequestException(
          `unexpected multipart field "${part.fieldname}": send "file"`,
        );
      }
      if (received) {
        part.file.resume();
        throw new BadRequestException('one file per upload: a second file part "file" was sent');
      }
      received = await store.receive(part.file);
    }
  } catch (err) {
    await store.discard(received);
    malformed(err as { statusCode?: number; message?: string });
  }
  return received;
}

/** The multipart parser's own errors carry a 4xx (413 for a limit); any other is a body it could not read. */
function malformed(err: {
  statusCode?: number;
  message?: string;
  getStatus?: () => number;
}): never {
  if (err.getStatus) throw err;
  if (err.statusCode && err.statusCode < 500) throw err;
  throw new BadRequestException(`malformed multipart body: ${err.message ?? 'unreadable'}`);
}
