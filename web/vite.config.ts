import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The UI is served by `varde serve` from web/dist on the same origin as /api.
// For `npm run dev:web`, set VARDE_API (e.g. http://127.0.0.1:8080) to proxy /api.
export default defineConfig({
  root,
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: process.env.VARDE_API
    ? { proxy: { '/api': { target: process.env.VARDE_API, changeOrigin: false } } }
    : undefined,
});
