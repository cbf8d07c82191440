import { defineConfig } from 'vite';

// Library build: one ESM file per entry (`webgpu-mish`, `webgpu-mish/tfjs` and `webgpu-mish/typegpu`) with every WGSL source inlined as a
// string (imported with `?raw`), so the package never fetches anything at run time. TensorFlow.js and TypeGPU stay external:
// those entries use the copy the application already has. Declarations come from `tsc -p tsconfig.build.json`.
export default defineConfig({
  build: {
    lib: { entry: { index: 'src/index.ts', tfjs: 'src/tfjs.ts', typegpu: 'src/typegpu.ts' }, formats: ['es'] },
    rolldownOptions: { external: [/^@tensorflow\//, /^typegpu(\/|$)/] },
    outDir: 'dist',
    target: 'es2022',
    minify: false,
    sourcemap: true,
  },
});
