import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stat } from 'node:fs/promises';
import { join, normalize, resolve } from 'node:path';

/** Where the regulators' console is served, outside the `api/v1` prefix. */
export const CONSOLE_PATH = '/console';

/** The console's static build (`npm run build:console`), relative to the working directory like `config/`. */
export const CONSOLE_DIR = resolve('dist/console');

/**
 * The console's own content security policy: its script, styles and API calls all
 * come from this origin, nothing inline, no framing. (security.ts leaves pages to set theirs.)
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Hashed asset names never change content; the page itself is always revalidated. */
function cacheControl(path: string): string {
  return /^assets\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The regulators' console (apps/console): static files, a client of the public API.
 * Plain Fastify routes, not Nest routes, so neither the `api/v1` prefix nor the global
 * AccessGuard applies: the page is a public asset, and every API call it makes carries
 * the user's bearer token. A GET under /console that names no file answers index.html
 * (the single-page app routes on the client), except under /console/assets, where a
 * missing file is a 404 rather than a page in place of a script.
 * (Not ServeStaticModule: it picks its loader when the module compiles, before a testing
 * module has an HTTP adapter, and would serve nothing in the e2e tests.)
 */
export async function serveConsole(app: NestFastifyApplication): Promise<void> {
  // serve: false: only sendFile is wanted; the routes below decide what to send.
  await app.register(fastifyStatic, { root: CONSOLE_DIR, serve: false });
  const fastify = app.getHttpAdapter().getInstance();
  const handler = async (
    req: FastifyRequest<{ Params: { '*'?: string } }>,
    reply: FastifyReply,
  ) => {
    const path = normalize(req.params['*'] ?? '').replace(/^([/\\]|\.\.[/\\]?)+/, '');
    const file = path && (await isFile(join(CONSOLE_DIR, path))) ? path : undefined;
    if (!file && path.startsWith('assets/')) return reply.callNotFound();
    if (!(await isFile(join(CONSOLE_DIR, 'index.html')))) {
      return reply.status(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: 'the console is not built: run `npm run build:console`',
      });
    }
    const name = file ?? 'index.html';
    return reply
      .header('Content-Security-Policy', CONSOLE_CSP)
      .header('Cache-Control', cacheControl(name))
      .sendFile(name);
  };
  fastify.get(CONSOLE_PATH, handler);
  fastify.get(`${CONSOLE_PATH}/*`, handler);
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isFile() ?? false;
}
