// Loads the built `dist/tfjs.js` (as a user's bundler would: its `@tensorflow/*` imports
// resolve to the page's own TF.js) and exposes the TF.js checks to the Node side.
import { createTfjsHarness, type TfjsHarness, type TfjsLib } from './index.js';

declare global {
  interface Window {
    tfjsHarness?: TfjsHarness;
    tfjsHarnessError?: string;
  }
}

// Built by `npm run build`, which runs after the typecheck: a path the typechecker does not follow.
const distEntry = '../../../dist/tfjs.js';
try {
  const lib = (await import(/* @vite-ignore */ distEntry)) as TfjsLib;
  const harness = createTfjsHarness(lib);
  await harness.useBackend('webgpu');
  window.tfjsHarness = harness;
} catch (error) {
  window.tfjsHarnessError = String(error);
}
