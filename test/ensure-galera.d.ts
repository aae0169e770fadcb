/** The Galera provider library and, when rsync had to be fetched, the folder holding it. */
export function ensureGalera(): { provider: string; binDir?: string };
