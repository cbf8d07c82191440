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
    // TF.js (a bench row) makes the page's bundle about 2 MB; the demo is a page, not a library.
    chunkSizeWarningLimit: 4096,
  },
  server: { host: '127.0.0.1' },
});
