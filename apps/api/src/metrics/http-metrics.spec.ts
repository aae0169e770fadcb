import type { Request } from 'express';
import { routeTemplate } from './http-metrics';

const req = (route?: string, baseUrl = '') =>
  ({ route: route ? { path: route } : undefined, baseUrl }) as unknown as Request;

describe('routeTemplate', () => {
  it.each([
    ['a Nest handler', req('/api/v1/enterprises/:uscc'), 200, '/api/v1/enterprises/:uscc'],
    [
      'a Nest handler answering 404',
      req('/api/v1/enterprises/:uscc'),
      404,
      '/api/v1/enterprises/:uscc',
    ],
    ['the queue board', req('/api/queues', '/admin/queues'), 200, '/admin/queues/*'],
    ['the board refusing', req('/admin/queues', '/admin/queues'), 401, '/admin/queues/*'],
    ['a 404 under the prefix', req('/api/v1*path', '/api/v1'), 404, 'unmatched'],
    ['a 404 outside it', req(), 404, 'unmatched'],
    ['a Nest middleware wildcard', req('{*path}'), 200, 'unmatched'],
  ])('labels %s', (_, r, status, label) => {
    expect(routeTemplate(r, status)).toBe(label);
  });
});
