import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { IDP_PATH } from './constants';
import { EmbeddedProvider } from './embedded/embedded-provider';
import { SignInPage } from './embedded/sign-in';

/**
 * Serves the embedded provider under /idp on the API's port. A Fastify plugin
 * of its own: no body parser (the provider and the sign-in page read their
 * bodies themselves), and the reply handed over to them whole.
 */
export async function mountEmbeddedProvider(
  fastify: FastifyInstance,
  idp: EmbeddedProvider,
  signIn: SignInPage,
): Promise<void> {
  await fastify.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_req, _payload, done) => done(null));
      const handler = (req: FastifyRequest, reply: FastifyReply) => {
        reply.hijack();
        if (SignInPage.owns(req.url)) return signIn.handle(req.raw, reply.raw);
        idp.handle(req.raw, reply.raw);
      };
      scope.all('/', handler);
      scope.all('/*', handler);
    },
    { prefix: IDP_PATH },
  );
}
