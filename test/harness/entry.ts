// Loads the library under test: the TypeScript source, or the built bundle with `?lib=dist`.
import { createHarness, type Harness, type Lib } from './index.js';

declare global {
  interface Window {
    harness?: Harness;
    harnessError?: string;
  }
}

const fromDist = new URLSearchParams(location.search).get('lib') === 'dist';
// Built by `npm run build`, which runs after the typecheck: a path the typechecker does not follow.
const distEntry = '../../dist/index.js';
try {
  const lib = (fromDist ? await import(/* @vite-ignore */ distEntry) : await import('../../src/index.js')) as Lib;
  window.harness = createHarness(lib);
} catch (error) {
  window.harnessError = String(error);
}
