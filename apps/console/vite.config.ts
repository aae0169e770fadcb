import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// The regulators' console: a static single-page app served by apps/api at /console.
// JSX is compiled by Vite's own esbuild (no Babel, no plugin): nothing here needs
// fast refresh, and the build stays small and quick.
export default defineConfig({
  root: __dirname,
  base: '/console/',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: resolve(__dirname, '../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  server: {
    // `npm run dev:console` next to `npm run start:api`: the API on :3000 behind Vite's dev server.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
