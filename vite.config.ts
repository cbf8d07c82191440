import { defineConfig } from 'vite';

// Library build: one ESM file per entry (`webgpu-mish` and `webgpu-mish/tfjs`) with every WGSL source inlined as a
// string (imported with `?raw`), so the package never fetches anything at run time. TensorFlow.js stays external:
// the tfjs entry uses the copy the application already has. Declarations come from `tsc -p tsconfig.build.json`.
export default defineConfig({
  build: {
    lib: { entry: { index: 'src/index.ts', tfjs: 'src/tfjs.ts' }, formats: ['es'] },
    rolldownOptions: { external: [/^@tensorflow\//] },
    outDir: 'dist',
    target: 'es2022',
    minify: false,
    sourcemap: true,
  },
});
