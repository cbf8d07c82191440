import { defineKernelSuite } from './kernel-suite.js';

defineKernelSuite('src');
