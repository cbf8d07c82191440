/**
 * The paper's Figure 5, on the visitor's GPU: the output of one randomly initialised fully connected network over a
 * grid of 2-D coordinates, once with each activation. The network (stated on the page): 2 inputs → LAYERS hidden
 * dense layers of `width` units, each followed by the activation → 1 linear output; weights N(0, 2/fan-in) (He
 * normal), biases N(0, 0.1²); the same weights for the three activations. The dense layers are a small WGSL kernel
 * of the demo (shaders/dense.wgsl); every activation runs in place through the package's kernels (reluForward,
 * swishForward, mishForward).
 */
import { mishForward, reluForward, swishForward } from '../src/index.js';
import { readBuffer } from '../common/read-buffer.js';
import denseSource from './shaders/dense.wgsl?raw';

const LANDSCAPE_ACTIVATIONS = ['relu', 'swish', 'mish'] as const;
type LandscapeActivation = (typeof LANDSCAPE_ACTIVATIONS)[number];

/** Hidden layers of the network: the paper's "5 layer randomly initialized neural network". */
export const LAYERS = 5;
/** The coordinates span [−EXTENT, EXTENT]² on both axes. */
export const EXTENT = 3;
const BIAS_SD = 0.1;
const WORKGROUP_SIZE = 64;
const MAX_GROUPS = 65_535;

export interface LandscapeOptions {
  /** Points per side of the grid (grid × grid outputs). */
  grid: number;
  /** Units per hidden layer. */
  width: number;
  seed: number;
  /** Weights are N(0, gain/fan-in); default 2 (He). */
  gain?: number;
  /** Coordinates span [−extent, extent]²; default EXTENT. */
  extent?: number;
}

export interface Landscape {
  activation: LandscapeActivation;
  /** grid × grid outputs, row by row, y from −EXTENT (first row) to EXTENT. */
  values: Float32Array;
  /** Mean |difference| between horizontally and vertically neighbouring pixels. */
  neighbourDifference: number;
  /** Mean |discrete Laplacian| (4 neighbours minus 4 × the pixel): large where the surface has creases. */
  laplacian: number;
}

/** Gaussian numbers from a seeded xorshift32 stream (Box–Muller). */
function gaussians(count: number, seed: number, sd: number): Float32Array<ArrayBuffer> {
  let state = seed >>> 0 || 0x9e3779b9;
  const uniform = (): number => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return (state + 0.5) / 2 ** 32;
  };
  return Float32Array.from({ length: count }, () => sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

function roughness(values: Float32Array, grid: number): { neighbourDifference: number; laplacian: number } {
  let difference = 0;
  let differences = 0;
  let curvature = 0;
  let inner = 0;
  const at = (row: number, column: number): number => values[row * grid + column] as number;
  for (let row = 0; row < grid; row++) {
    for (let column = 0; column < grid; column++) {
      if (column + 1 < grid) {
        difference += Math.abs(at(row, column + 1) - at(row, column));
        differences++;
      }
      if (row + 1 < grid) {
        difference += Math.abs(at(row + 1, column) - at(row, column));
        differences++;
      }
      if (row > 0 && column > 0 && row + 1 < grid && column + 1 < grid) {
        curvature += Math.abs(at(row - 1, column) + at(row + 1, column) + at(row, column - 1) + at(row, column + 1) - 4 * at(row, column));
        inner++;
      }
    }
  }
  return { neighbourDifference: difference / differences, laplacian: curvature / Math.max(1, inner) };
}

const FORWARD = { relu: reluForward, swish: swishForward, mish: mishForward } as const;

/** Evaluates the network over the grid with each activation. */
export async function computeLandscapes(device: GPUDevice, options: LandscapeOptions): Promise<Landscape[]> {
  const { grid, width, seed, gain = 2, extent = EXTENT } = options;
  const points = grid * grid;
  const usage = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;
  const created: GPUBuffer[] = [];
  const upload = (label: string, data: Float32Array<ArrayBuffer>): GPUBuffer => {
    const buffer = device.createBuffer({ label: `demo landscape ${label}`, size: Math.max(16, data.byteLength), usage });
    device.queue.writeBuffer(buffer, 0, data);
    created.push(buffer);
    return buffer;
  };
  const coordinates = new Float32Array(points * 2);
  for (let row = 0; row < grid; row++) {
    for (let column = 0; column < grid; column++) {
      coordinates[2 * (row * grid + column)] = -extent + (2 * extent * column) / (grid - 1);
      coordinates[2 * (row * grid + column) + 1] = -extent + (2 * extent * row) / (grid - 1);
    }
  }
  const input = upload('coordinates', coordinates);
  const sizes = [2, ...Array.from({ length: LAYERS }, () => width), 1];
  const layers = sizes.slice(1).map((outputs, l) => {
    const inputs = sizes[l] as number;
    const params = device.createBuffer({ label: `demo landscape layer ${l}`, size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    device.queue.writeBuffer(params, 0, new Uint32Array([points, inputs, outputs, 0]));
    created.push(params);
    return {
      outputs,
      params,
      weights: upload(`weights ${l}`, gaussians(inputs * outputs, seed * 7919 + l, Math.sqrt(gain / inputs))),
      bias: upload(`bias ${l}`, gaussians(outputs, seed * 7919 + 100 + l, BIAS_SD)),
    };
  });
  const hidden = [0, 1].map((k) => {
    const buffer = device.createBuffer({ label: `demo landscape hidden ${k}`, size: points * width * 4, usage });
    created.push(buffer);
    return buffer;
  });
  const module = device.createShaderModule({ label: 'demo dense layer', code: denseSource });
  const pipeline = device.createComputePipeline({ label: 'demo dense layer', layout: 'auto', compute: { module, entryPoint: 'main' } });

  const results: Landscape[] = [];
  try {
    for (const activation of LANDSCAPE_ACTIVATIONS) {
      const encoder = device.createCommandEncoder({ label: `demo landscape ${activation}` });
      let source = input;
      layers.forEach((layer, l) => {
        const target = hidden[l % 2] as GPUBuffer;
        const bindGroup = device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: [layer.params, source, layer.weights, layer.bias, target].map((buffer, binding) => ({ binding, resource: { buffer } })),
        });
        const groups = Math.ceil((points * layer.outputs) / WORKGROUP_SIZE);
        const pass = encoder.beginComputePass({ label: `demo dense ${l}` });
        pass.setPipeline(pipeline);
        pass.setBindGroup(0, bindGroup);
        pass.dispatchWorkgroups(Math.min(groups, MAX_GROUPS), Math.ceil(groups / MAX_GROUPS));
        pass.end();
        // Every hidden layer, not the output: the activation in place, by the package's kernel.
        if (l < layers.length - 1) FORWARD[activation](device, { x: target, y: target, length: points * layer.outputs, encoder });
        source = target;
      });
      device.queue.submit([encoder.finish()]);
      const values = (await readBuffer(device, source, `demo landscape ${activation} readback`)).slice(0, points);
      results.push({ activation, values, ...roughness(values, grid) });
    }
  } finally {
    for (const buffer of created) buffer.destroy();
  }
  return results;
}
