// Loads the built dist/typegpu.js and dist/index.js, as a user's bundler would (their `typegpu` imports resolve to the
// page's own TypeGPU), and exposes the TypeGPU checks to the Node side.
import tgpu from 'typegpu';
import * as d from 'typegpu/data';
import { createTypegpuHarness, type TypegpuHarness, type TypegpuLib } from './index.js';

declare global {
  interface Window {
    typegpuHarness?: TypegpuHarness;
    typegpuHarnessError?: string;
  }
}

// Built by `npm run build`, which runs after the typecheck: paths the typechecker does not follow.
const distEntries = ['../../../dist/index.js', '../../../dist/typegpu.js'];
try {
  const [core, typegpu] = (await Promise.all(distEntries.map((path) => import(/* @vite-ignore */ path)))) as [TypegpuLib['core'], TypegpuLib['typegpu']];
  window.typegpuHarness = createTypegpuHarness({ tgpu, d, core, typegpu });
} catch (error) {
  window.typegpuHarnessError = String(error);
}
