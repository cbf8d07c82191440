/**
 * ONNX Runtime Web's Mish as its users run it: a session of the one-node model (mish-model.ts) on the WebGPU
 * execution provider of the caller's GPUDevice (the provider's `device` option), reading and writing the caller's
 * GPU buffers (`Tensor.fromGpuBuffer`, `preferredOutputLocation: 'gpu-buffer'`). For the bench's `ort-mish` row and
 * the accuracy sweep's; browsers only (ORT's WebGPU provider needs a page).
 */
import * as ort from 'onnxruntime-web/webgpu';
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';
import { mishModel } from './mish-model.js';

export interface OrtMish {
  /** y[0, count) = Mish(x[0, count)) by ORT: its programs are submitted to the device's queue when this resolves. */
  run(x: GPUBuffer, y: GPUBuffer, count: number): Promise<void>;
  release(): Promise<void>;
}

/** ONNX Runtime Web set up as the pages use it: its wasm from the page's server, one thread, errors only. */
export function configureOrt(): typeof ort {
  ort.env.wasm.wasmPaths = { wasm: wasmUrl };
  // One thread: the pages are not cross-origin isolated, and the work is on the GPU.
  ort.env.wasm.numThreads = 1;
  ort.env.logLevel = 'error';
  return ort;
}

export async function startOrtMish(device: GPUDevice): Promise<OrtMish> {
  configureOrt();
  const session = await ort.InferenceSession.create(mishModel(), {
    executionProviders: [{ name: 'webgpu', device }],
    preferredOutputLocation: 'gpu-buffer',
  });
  return {
    async run(x, y, count) {
      const input = ort.Tensor.fromGpuBuffer(x, { dataType: 'float32', dims: [count] });
      const output = ort.Tensor.fromGpuBuffer(y, { dataType: 'float32', dims: [count] });
      await session.run({ x: input }, { y: output });
    },
    release: () => session.release(),
  };
}
