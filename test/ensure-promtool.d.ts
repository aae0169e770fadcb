/** The promtool binary to use, obtained from Debian's prometheus package if need be (ensure-promtool.js). */
export function ensurePromtool(): string | undefined;
