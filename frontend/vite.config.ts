/**
 * Vite build of the web page: frontend/index.html → frontend/dist, with relative asset paths
 * (base './') so the backend can serve it at any path. `vite --config frontend/vite.config.ts`
 * serves it in development and forwards /api to a backend on port 8080.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const frontendRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: frontendRoot,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // MapLibre alone is about 1.1 MB minified; the page is one chunk on purpose (offline use).
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://localhost:8080' } },
});
