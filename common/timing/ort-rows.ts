/**
 * The other peer a web developer would pick: ONNX Runtime Web on its WebGPU execution provider, running a one-node
 * Mish model (ORT runs it as its Softplus, Tanh and Mul programs) on the bench's own GPUDevice, input and output
 * GPU-resident in the bench's x and y (common/ort/session.ts), so that nothing is uploaded or downloaded in a timed
 * region. ORT records and submits its own command buffers, so it cannot carry the bench's timestamps: a measurement
 * is CPU time from the first `session.run` to `onSubmittedWorkDone` after the last, and includes ORT's per-call CPU
 * work (the bench's smallest size shows how much that is).
 */
import { mish } from '../../src/index.js';
import { startOrtMish } from '../ort/session.js';
import { readBuffer } from '../read-buffer.js';
import type { Row } from './types.js';

/**
 * How near ORT's result must be to Mish for the row to count as computing it: a sanity check of its output, not
 * an accuracy claim (the bench's inputs lie in [−8, 8], where ORT's three kernels are near f32 precision; the
 * accuracy sweep has ORT's errors).
 */
const CHECK_TOLERANCE = 1e-5;

export interface OrtRows {
  /**
   * The ONNX Runtime row for one size, on the bench's x and y buffers (usage STORAGE | COPY_SRC | COPY_DST) with x
   * holding `xs`. Runs the model once first and checks that y came out as Mish of x, so that the row never times
   * a run that wrote nothing or wrote elsewhere.
   */
  rows(x: GPUBuffer, y: GPUBuffer, xs: Float32Array): Promise<Row[]>;
  release(): Promise<void>;
}

export async function startOrt(device: GPUDevice): Promise<OrtRows> {
  const ort = await startOrtMish(device);
  return {
    async rows(x, y, xs) {
      await ort.run(x, y, xs.length);
      const ys = await readBuffer(device, y, 'webgpu-mish bench ort check');
      const wrong = xs.findIndex((v, i) => {
        const expected = mish(v);
        return !(Math.abs((ys[i] as number) - expected) <= CHECK_TOLERANCE * (1 + Math.abs(expected)));
      });
      if (wrong >= 0) throw new Error(`ONNX Runtime's Mish of x = ${xs[wrong]} came out ${ys[wrong]}, not about ${mish(xs[wrong] as number)}`);
      const time = async (calls: number): Promise<number> => {
        await device.queue.onSubmittedWorkDone();
        const start = performance.now();
        for (let i = 0; i < calls; i++) await ort.run(x, y, xs.length);
        await device.queue.onSubmittedWorkDone();
        return (performance.now() - start) / calls;
      };
      return [{ kernel: 'ort-mish', pass: 'forward', time }];
    },
    release: () => ort.release(),
  };
}
