import { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { join, resolve } from 'node:path';

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

function setHeaders(res: Response, path: string): void {
  res.setHeader('Content-Security-Policy', CONSOLE_CSP);
  // Hashed asset names never change content; the page itself is always revalidated.
  res.setHeader(
    'Cache-Control',
    /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
}

/**
 * The regulators' console (apps/console): static files, a client of the public API.
 * Express middleware, not Nest routes, so neither the `api/v1` prefix nor the global
 * AccessGuard applies: the page is a public asset, and every API call it makes carries
 * the user's bearer token. Any other GET under /console answers index.html (the
 * single-page app routes on the client), except under /console/assets, where a missing
 * file is a 404 rather than a page in place of a script.
 * (Not ServeStaticModule: it picks its loader when the module compiles, before a testing
 * module has an HTTP adapter, and would serve nothing in the e2e tests.)
 */
export function serveConsole(app: INestApplication): void {
  const index = join(CONSOLE_DIR, 'index.html');
  (app as NestExpressApplication).useStaticAssets(CONSOLE_DIR, {
    prefix: CONSOLE_PATH,
    index: 'index.html',
    setHeaders,
  });
  app.use(CONSOLE_PATH, (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.path.startsWith('/assets/')) {
      return next();
    }
    setHeaders(res, index);
    res.sendFile(index, (err) => {
      if (!err || res.headersSent) return;
      res.status(404).json({
        statusCode: 404,
        error: 'Not Found',
        message: 'the console is not built: run `npm run build:console`',
      });
    });
  });
}
