// The parity suite on the library's source: with the adapter's own tiling, then with each other shape the tiling rule
// can choose forced on every device, so that the fold, the exact bindings, the 16-bit bodies and the parameters are
// checked under every shape some adapter runs.
import { RULE_TILINGS } from '../../src/testing.js';
import { defineKernelSuite } from './kernel-suite.js';

defineKernelSuite('src');
for (const tiling of RULE_TILINGS) defineKernelSuite('src', tiling);
