import type { FastifyRequest } from 'fastify';

/**
 * The route Fastify matched for this request (`/api/v1/enterprises/:uscc/risk`),
 * or undefined when none did (a 404). Decisions about a path (who may open it,
 * which headers it gets) are taken on this, never on `req.url`: the router
 * matches the percent-decoded path, so `/admin/%71ueues` reaches the board
 * while a comparison of the raw URL with `/admin/queues` says it does not.
 */
export function matchedRoute(req: FastifyRequest): string | undefined {
  return req.routeOptions?.url;
}

/** Whether the matched route is `root` or lies under it. */
export function routeUnder(req: FastifyRequest, root: string): boolean {
  const route = matchedRoute(req);
  return route !== undefined && (route === root || route.startsWith(`${root}/`));
}
