import { detectEvidenceType } from './evidence-content-type';

describe('detectEvidenceType', () => {
  it.each([
    ['PDF', Buffer.from('%PDF-1.7\n%âãÏÓ\n'), 'application/pdf'],
    [
      'PNG',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'image/png',
    ],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 'image/jpeg'],
  ])('recognises %s from its magic bytes', (_, content, type) => {
    expect(detectEvidenceType(content)).toBe(type);
  });

  it.each([
    ['plain text', Buffer.from('hello, this is not a pdf')],
    ['an executable', Buffer.from([0x4d, 0x5a, 0x90, 0x00])],
    ['a truncated PNG signature', Buffer.from([0x89, 0x50, 0x4e, 0x47])],
    ['"%PDF" without the dash', Buffer.from('%PDF')],
    ['an empty file', Buffer.alloc(0)],
    ['a zip (docx)', Buffer.from([0x50, 0x4b, 0x03, 0x04])],
  ])('refuses %s', (_, content) => {
    expect(detectEvidenceType(content)).toBeUndefined();
  });
});
