/**
 * Runs in the page (or in Node): the differential fuzz of the call path. Each fast-check run makes three buffers
 * of each format (f32, f16, bf16) with random contents, canaries at both ends, runs a random sequence of commands
 * (commands.ts) on the GPU and on the CPU model, then submits what is open and compares every word of every
 * buffer. Any GPU error fails the run. A failing run is shrunk to a shortest sequence; the report gives the seed
 * and the path that replay it.
 */
import fc from 'fast-check';
import { bitsOf } from '../../../common/f32.js';
import { encodeHalf } from '../../../common/half.js';
import { randomBits } from '../../support/inputs.js';
import { type Devices, popScopes, pushScopes } from '../device.js';
import type { Tiling } from '../../../src/index.js';
import type { Lib } from '../f32-cases.js';
import { BUFFER_ELEMENTS, FORMATS } from './calls.js';
import { type FuzzModel, type FuzzReal, fuzzCommands, readBack, submit } from './commands.js';
import { ModelBuffer } from './model.js';
import { MUTANTS, type MutantName } from './mutants.js';

export interface FuzzOptions {
  seed: number;
  /** Property runs (each a fresh set of buffers and one sequence of commands). */
  runs: number;
  /** Commands per run at most. */
  maxCommands: number;
  /** Calls one burst command records at most. */
  maxBurst: number;
  /** fast-check's path of a failing run, to replay it alone. */
  path?: string;
  /** Run on a slightly wrong call path instead of the library (mutants.ts): the fuzz must fail. */
  mutant?: MutantName;
  /** Shrink a failing run to a shortest sequence (default true; each try runs on the GPU). */
  shrink?: boolean;
  /** Force this tiling on the device for the run (default: the adapter's own). */
  tiling?: Tiling;
}

export interface FuzzReport {
  seed: number;
  runs: number;
  calls: number;
  rejected: number;
  atBoundaries: number;
  largestEncoder: number;
  mostRangesOfOneBuffer: number;
  failed: boolean;
  /** The error of the shrunk counterexample, and its commands. */
  failure: string | null;
  counterexample: string | null;
  path: string | null;
  milliseconds: number;
}

/**
 * Random contents without subnormals (see model.ts): both signs, magnitudes from 2⁻²⁰ to 2¹⁰ (16-bit formats stay
 * far from f16's overflow), and one element in sixteen a zero of either sign.
 */
function contents(format: (typeof FORMATS)[number], elements: number, next: () => number): Uint32Array<ArrayBuffer> | Uint16Array<ArrayBuffer> {
  const value = (): number => {
    const bits = next();
    if (bits % 16 === 0) return bits & 0x10 ? -0 : 0;
    const magnitude = 2 ** (((bits >>> 8) % 31) - 20) * (1 + (next() % 4096) / 4096);
    return bits & 0x20 ? -magnitude : magnitude;
  };
  if (format === 'f32') return Uint32Array.from({ length: elements }, () => bitsOf(value()));
  return Uint16Array.from({ length: elements }, () => encodeHalf(format, value()));
}

export function createFuzzCases(library: Lib, devices: Devices) {
  async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
    const started = performance.now();
    devices.useTiling(options.tiling ?? 'auto');
    const gpu = await devices.device();
    const stats = { calls: 0, rejected: 0, atBoundaries: 0, largestEncoder: 0, mostRangesOfOneBuffer: 0 };
    const lib = options.mutant === undefined ? library : MUTANTS[options.mutant].apply(library);
    const property = fc.asyncProperty(
      fc.nat(),
      fc.commands([fuzzCommands(options.maxBurst)], { maxCommands: options.maxCommands }),
      async (dataSeed, commands) => {
        const next = randomBits(dataSeed + 1);
        const model: FuzzModel = { buffers: { f32: [], f16: [], bf16: [] }, pending: [] };
        const real: FuzzReal = { lib, gpu, buffers: { f32: [], f16: [], bf16: [] }, encoder: undefined, stats };
        for (const format of FORMATS) {
          for (const [b, elements] of BUFFER_ELEMENTS.entries()) {
            const buffer = new ModelBuffer(format, contents(format, elements, next));
            const gpuBuffer = gpu.createBuffer({
              label: `webgpu-mish fuzz ${format} #${b}`,
              size: buffer.byteSize,
              usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
            });
            gpu.queue.writeBuffer(gpuBuffer, 0, buffer.bits);
            model.buffers[format].push(buffer);
            real.buffers[format].push(gpuBuffer);
          }
        }
        pushScopes(gpu);
        let gpuErrors: string[] = [];
        try {
          await fc.asyncModelRun(() => ({ model, real }), commands);
          await submit(model, real);
          await readBack(model, real);
        } finally {
          gpuErrors = await popScopes(gpu);
          for (const format of FORMATS) for (const buffer of real.buffers[format]) buffer.destroy();
        }
        if (gpuErrors.length > 0) throw new Error(`GPU errors: ${gpuErrors.join('; ')}`);
      },
    );
    const details = await fc.check(property, {
      seed: options.seed,
      numRuns: options.runs,
      endOnFailure: options.shrink === false,
      ...(options.path === undefined ? {} : { path: options.path }),
    });
    devices.useTiling('auto');
    const counterexample = details.counterexample === null ? null : String(details.counterexample[1]);
    return {
      seed: options.seed,
      runs: details.numRuns,
      ...stats,
      failed: details.failed,
      failure: details.failed ? String(details.errorInstance) : null,
      counterexample,
      path: details.counterexamplePath,
      milliseconds: performance.now() - started,
    };
  }

  return { runFuzz };
}
