import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The timing demo: `npm run demo` serves it, `npm run build:demo` writes a static page to demo-dist/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('../demo-dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // TF.js makes the page's bundle about 2 MB, and the MNIST digits of Figure 6 (a chunk loaded only when that
    // experiment starts) about 21 MB: the demo is a page, not a library.
    chunkSizeWarningLimit: 32_768,
  },
  // Bundled when the server starts, not discovered on first use (which reloads the page mid-experiment).
  optimizeDeps: { include: ['mnist'] },
  server: { host: '127.0.0.1' },
});
