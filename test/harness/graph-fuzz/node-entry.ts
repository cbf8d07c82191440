/**
 * The graph rewrite's fuzz in Node, on TF.js's CPU backend and the library's source: for test/node/graph-fuzz.test.ts
 * and `npm run fuzz -- --graphs N --runtime node` (which loads this module with Vite's module runner).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import * as lib from '../../../src/tfjs.js';
import { type GraphFuzzOptions, type GraphFuzzReport, runGraphFuzz } from './run.js';

export function runGraphFuzzInNode(options: Omit<GraphFuzzOptions, 'backends'>): Promise<GraphFuzzReport> {
  const useBackend = async (name: string): Promise<void> => {
    await tf.setBackend(name);
    await tf.ready();
  };
  return runGraphFuzz({ ...lib, useBackend }, { ...options, backends: ['cpu'] });
}
