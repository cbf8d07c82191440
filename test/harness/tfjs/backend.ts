/**
 * Runs in the page: TF.js with the backends the cases use, one at a time: WebGPU (the fused kernels), and cpu,
 * webgl and wasm (the composite).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type * as TfjsEntry from '../../../src/tfjs.js';

export type TfjsLib = typeof TfjsEntry;

/** The backends the cases run on; all but webgpu run `mish` as the composite. */
export type BackendName = 'webgpu' | 'cpu' | 'webgl' | 'wasm';

// The wasm backend fetches its binaries at start-up: from where the page's server has them.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
});

/** Switches TF.js to `name`; returns the backend's name as TF.js reports it. */
export async function useBackend(name: BackendName): Promise<string> {
  if (!(await tf.setBackend(name))) throw new Error(`TF.js could not start its ${name} backend`);
  await tf.ready();
  // Never hand small ops to the CPU: every op here must run on the backend under test.
  tf.env().set('WEBGPU_CPU_FORWARD', false);
  tf.env().set('WEBGL_CPU_FORWARD', false);
  return tf.getBackend();
}
