// For the CLIs, which Node runs through tsx (`npm run bench`, `accuracy`, `fuzz`, `experiment`): imports of a file
// with `?raw`, as Vite reads them (the file's text as the default export), so that the CLIs load the package through
// its entry (src/index.ts) like any other code, WGSL and all. Loaded with `node --import`.
import { register } from 'node:module';

register('./raw-hooks.mjs', import.meta.url);
