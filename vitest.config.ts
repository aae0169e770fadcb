import { resolve } from 'node:path';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

// NestJS 12 ships ES modules only; Vitest loads them natively (Jest on Node 20 cannot).
// SWC compiles our TypeScript with legacy decorators and their metadata, as Nest needs.
const alias = [{ find: /^@app\/([a-z-]+)(.*)$/, replacement: resolve(__dirname, 'libs/$1/src$2') }];
const plugins = [swc.vite({ module: { type: 'es6' } })];

export default defineConfig({
  test: {
    projects: [
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'unit',
          globals: true,
          environment: 'node',
          include: ['{apps,libs}/**/*.spec.ts'],
        },
      },
      {
        plugins,
        resolve: { alias },
        test: {
          name: 'e2e',
          globals: true,
          environment: 'node',
          include: ['test/**/*.e2e-spec.ts'],
          globalSetup: ['test/setup/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // expect.poll waits 1 s by default; a browser page over a real API on a loaded
          // 2-core CI machine can take longer to settle (a name search, a queue's result).
          expect: { poll: { timeout: 15_000 } },
          // Test files share this run's database; they use distinct enterprises, but
          // running them one at a time keeps timing-sensitive checks honest on 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
