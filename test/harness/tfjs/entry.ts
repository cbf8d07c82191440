// Loads the built `dist/tfjs.js` (as a user's bundler would: its `@tensorflow/*` imports
// resolve to the page's own TF.js), or the TypeScript source with `?lib=src` (for tools that run without a build:
// npm run fuzz -- --graphs), and exposes the TF.js checks to the Node side.
import { createTfjsHarness, type TfjsHarness, type TfjsLib } from './index.js';

declare global {
  interface Window {
    tfjsHarness?: TfjsHarness;
    tfjsHarnessError?: string;
  }
}

// Built by `npm run build`, which runs after the typecheck: a path the typechecker does not follow.
const distEntry = '../../../dist/tfjs.js';
const fromSource = new URLSearchParams(location.search).get('lib') === 'src';
try {
  const lib = (fromSource ? await import('../../../src/tfjs.js') : await import(/* @vite-ignore */ distEntry)) as TfjsLib;
  const harness = createTfjsHarness(lib);
  await harness.useBackend('webgpu');
  window.tfjsHarness = harness;
} catch (error) {
  window.tfjsHarnessError = String(error);
}
