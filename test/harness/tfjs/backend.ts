/** Runs in the page: TF.js with the backends the cases use (WebGPU, and cpu for the composite), one at a time. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgpu';
import type * as TfjsEntry from '../../../src/tfjs.js';

export type TfjsLib = typeof TfjsEntry;

/** Switches TF.js to `name`; returns the backend's name as TF.js reports it. */
export async function useBackend(name: 'webgpu' | 'cpu'): Promise<string> {
  if (!(await tf.setBackend(name))) throw new Error(`TF.js could not start its ${name} backend`);
  await tf.ready();
  // Never hand small ops to the CPU: every op here must run on the backend under test.
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  return tf.getBackend();
}
