// Loads the built `dist/tfjs.js` and `dist/tfjs-graph.js` (as a user's bundler would: their `@tensorflow/*` imports
// resolve to the page's own TF.js) and exposes the TF.js checks to the Node side.
import { createTfjsHarness, type GraphLib, type TfjsHarness, type TfjsLib } from './index.js';

declare global {
  interface Window {
    tfjsHarness?: TfjsHarness;
    tfjsHarnessError?: string;
  }
}

// Built by `npm run build`, which runs after the typecheck: a path the typechecker does not follow.
const distEntry = '../../../dist/tfjs.js';
const graphEntry = '../../../dist/tfjs-graph.js';
try {
  const lib = (await import(/* @vite-ignore */ distEntry)) as TfjsLib;
  const graph = (await import(/* @vite-ignore */ graphEntry)) as GraphLib;
  const harness = createTfjsHarness(lib, graph);
  await harness.useBackend('webgpu');
  window.tfjsHarness = harness;
} catch (error) {
  window.tfjsHarnessError = String(error);
}
