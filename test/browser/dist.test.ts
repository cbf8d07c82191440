// The same suite on the built `dist/index.js`, so that a broken inlining of the WGSL is caught.
import { defineKernelSuite } from './kernel-suite.js';

defineKernelSuite('dist');
