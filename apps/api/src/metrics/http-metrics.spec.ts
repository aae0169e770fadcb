import type { FastifyRequest } from 'fastify';
import { routeTemplate } from './http-metrics';

const req = (url?: string) => ({ routeOptions: { url } }) as unknown as FastifyRequest;

describe('routeTemplate', () => {
  it.each([
    ['a Nest handler', req('/api/v1/enterprises/:uscc'), '/api/v1/enterprises/:uscc'],
    ['a page of the queue board', req('/admin/queues/api/queues'), '/admin/queues/api/queues'],
    ['a request no route took', req(undefined), 'unmatched'],
  ])('labels %s', (_, r, label) => {
    expect(routeTemplate(r)).toBe(label);
  });
});
