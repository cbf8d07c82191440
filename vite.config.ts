import { defineConfig } from 'vite';

// Library build: one ESM file with every WGSL source inlined as a string (imported with `?raw`), so the
// package never fetches anything at run time. Declarations come from `tsc -p tsconfig.build.json`.
export default defineConfig({
  build: {
    lib: { entry: 'src/index.ts', formats: ['es'], fileName: 'index' },
    outDir: 'dist',
    target: 'es2022',
    minify: false,
    sourcemap: true,
  },
});
