import { accessToken } from './auth';

/** An error answer of the API: `{statusCode, error, message, details?}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Called when the API says the token is missing, invalid or expired (401): the session ends. */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

/** A call to the public API under /api/v1 with the session's bearer token. */
export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal } = {},
): Promise<T> {
  const res = await send(path, init);
  return (await res.json()) as T;
}

/** A file from the API (evidence download), saved by the browser under `filename`. */
export async function download(path: string, filename: string): Promise<void> {
  const res = await send(path, {});
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function send(
  path: string,
  init: { method?: string; body?: unknown; signal?: AbortSignal },
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = await accessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    signal: init.signal,
  });
  if (res.ok) return res;
  let message = res.statusText;
  let details: unknown;
  try {
    const body = await res.json();
    message = Array.isArray(body.message)
      ? body.message.join('; ')
      : String(body.message ?? message);
    details = body.details;
  } catch {
    // not JSON: keep the status text
  }
  if (res.status === 401) onUnauthorized();
  throw new ApiError(res.status, message, details);
}

/** What POST /evidence answers for a stored file. */
export interface StoredEvidence {
  sha256: string;
  size: number;
  contentType: string;
}

/**
 * Uploads one repair material with progress (fetch cannot report upload
 * progress; XMLHttpRequest can). The server checks the type by content, the
 * size and the quota, and says why in the error.
 */
export async function uploadEvidence(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<StoredEvidence> {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/evidence');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { message?: string } & Partial<StoredEvidence> = {};
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: the status says it
      }
      if (xhr.status === 201 || xhr.status === 200) resolve(body as StoredEvidence);
      else {
        if (xhr.status === 401) onUnauthorized();
        reject(new ApiError(xhr.status, body.message ?? xhr.statusText));
      }
    };
    xhr.onerror = () => reject(new Error('network error'));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

export function query(params: Record<string, string | number | boolean | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
