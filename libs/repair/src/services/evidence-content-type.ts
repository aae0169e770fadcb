/** The file types accepted as evidence, as detected from their first bytes. */
export type EvidenceContentType = 'application/pdf' | 'image/png' | 'image/jpeg';

const SIGNATURES: readonly { type: EvidenceContentType; bytes: readonly number[] }[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

/**
 * The type of a file judged from its content (magic bytes), or undefined when
 * it is none of the accepted ones. The client's declared type and file name
 * are never trusted: a renamed executable must not pass as a PDF.
 */
export function detectEvidenceType(content: Uint8Array): EvidenceContentType | undefined {
  return SIGNATURES.find(
    (s) => content.length >= s.bytes.length && s.bytes.every((b, i) => content[i] === b),
  )?.type;
}
