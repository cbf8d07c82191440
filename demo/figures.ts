/**
 * The paper's Figures 1 and 2 computed by the package's kernels: Mish and Swish, and their first and second
 * derivatives, over [−6, 6]. First derivatives come from the backward kernels with dy = 1; second derivatives
 * from central differences of those (step H), since no kernel computes them.
 */
import { mish, mishBackward, mishForward, mishGrad, mishGrad2, swish, swishBackward, swishForward, swishGrad, swishGrad2 } from '../src/index.js';
import { readBuffer } from '../common/read-buffer.js';

const FIGURE_POINTS = 481;
const RANGE = 6;
/** Central-difference step: its truncation error (H²·f⁗/6 ≈ 1e-5) and rounding error (2⁻²³/H ≈ 1e-5) balance. */
const H = 2 ** -6;

export interface Curve {
  label: string;
  gpu: number[];
  cpu: number[];
}

export interface Figures {
  x: number[];
  figure1: Curve[];
  figure2: Curve[];
  /** Largest |GPU − CPU| over all curves, and where. */
  worst: { difference: number; curve: string; x: number };
}

export async function computeFigures(device: GPUDevice): Promise<Figures> {
  const n = FIGURE_POINTS;
  const x = Array.from({ length: n }, (_, i) => Math.fround(-RANGE + (2 * RANGE * i) / (n - 1)));
  // Inputs: x, x − H, x + H, one after the other.
  const inputs = new Float32Array([...x, ...x.map((v) => v - H), ...x.map((v) => v + H)]);
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;
  const make = (label: string): GPUBuffer => device.createBuffer({ label, size: inputs.byteLength, usage });
  const xs = make('demo figures x');
  const ones = make('demo figures dy');
  const outputs = { mish: make('demo mish'), swish: make('demo swish'), mishGrad: make('demo mish grad'), swishGrad: make('demo swish grad') };
  device.queue.writeBuffer(xs, 0, inputs);
  device.queue.writeBuffer(ones, 0, new Float32Array(inputs.length).fill(1));
  const encoder = device.createCommandEncoder({ label: 'demo figures' });
  mishForward(device, { x: xs, y: outputs.mish, length: n, encoder });
  swishForward(device, { x: xs, y: outputs.swish, length: n, encoder });
  mishBackward(device, { x: xs, dy: ones, dx: outputs.mishGrad, encoder });
  swishBackward(device, { x: xs, dy: ones, dx: outputs.swishGrad, encoder });
  device.queue.submit([encoder.finish()]);
  const [m, s, mg, sg] = await Promise.all([
    readBuffer(device, outputs.mish),
    readBuffer(device, outputs.swish),
    readBuffer(device, outputs.mishGrad),
    readBuffer(device, outputs.swishGrad),
  ]);
  for (const buffer of [xs, ones, ...Object.values(outputs)]) buffer.destroy();

  const first = (values: Float32Array): number[] => Array.from(values.subarray(0, n));
  const second = (values: Float32Array): number[] => x.map((_, i) => ((values[2 * n + i] as number) - (values[n + i] as number)) / (2 * H));
  const curve = (label: string, gpu: number[], reference: (v: number) => number): Curve => ({
    label,
    gpu,
    cpu: x.map(reference),
  });
  const figure1 = [curve('Mish', first(m as Float32Array), mish), curve('Swish', first(s as Float32Array), swish)];
  const figure2 = [
    curve('Mish′', first(mg as Float32Array), mishGrad),
    curve('Swish′', first(sg as Float32Array), swishGrad),
    curve('Mish″', second(mg as Float32Array), mishGrad2),
    curve('Swish″', second(sg as Float32Array), swishGrad2),
  ];
  const worst = { difference: 0, curve: '', x: 0 };
  for (const c of [...figure1, ...figure2]) {
    c.gpu.forEach((value, i) => {
      const difference = Math.abs(value - (c.cpu[i] as number));
      if (difference > worst.difference) Object.assign(worst, { difference, curve: c.label, x: x[i] as number });
    });
  }
  return { x, figure1, figure2, worst };
}
