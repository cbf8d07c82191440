// Loads the library under test: the TypeScript source, or the built bundle with `?lib=dist`.
import { createHarness, type Harness, type Lib } from './gpu-harness.js';

declare global {
  interface Window {
    harness?: Harness;
    harnessError?: string;
  }
}

const fromDist = new URLSearchParams(location.search).get('lib') === 'dist';
try {
  const lib = (fromDist ? await import('../../dist/index.js') : await import('../../src/index.js')) as Lib;
  window.harness = createHarness(lib);
} catch (error) {
  window.harnessError = String(error);
}
