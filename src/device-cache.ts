/**
 * What the package keeps per device, in a WeakMap so that a dropped device takes it along: the limits a call
 * checks (read once), whether the device was lost, the pipelines with their bind group layouts, the parameter table
 * and the plans. Nothing is shared between devices, so a call can never meet another device's objects. Everything
 * it creates is labelled `webgpu-mish …`.
 */
import { aliasingEntry } from './aliasing.js';
import { PARAM_BINDINGS, PARAM_BYTES } from './constants.js';
import type { DeviceState, PipelineEntry, Plan } from './device-state.js';
import { hasParams, kernelSource } from './shader-source.js';
import { tilingFor, type TilingChoice, tilingName } from './tiling.js';
import type { Access, Aliasing, KernelSpec } from './types.js';

const states = new WeakMap<GPUDevice, DeviceState>();

/** The package's state for `device`, created on first use. */
export function deviceState(device: GPUDevice): DeviceState {
  let state = states.get(device);
  if (state === undefined) {
    const limits = device.limits;
    const created: DeviceState = {
      limits: {
        minStorageBufferOffsetAlignment: limits.minStorageBufferOffsetAlignment,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
        minUniformBufferOffsetAlignment: limits.minUniformBufferOffsetAlignment,
      },
      queue: device.queue,
      lost: undefined,
      // adapterInfo is missing on stand-in devices (argument tests) and older implementations.
      tiling: Object.freeze(tilingFor((device as { adapterInfo?: GPUAdapterInfo }).adapterInfo)),
      pipelines: new Map(),
      layouts: new Map(),
      paramTable: undefined,
      plans: new WeakMap<GPUBuffer, Map<KernelSpec, Map<string, Plan>>>(),
      buffers: new WeakMap(),
      probeLayout: undefined,
    };
    states.set(device, created);
    // device.lost may be missing on stand-in devices (argument tests); a real device always has it.
    device.lost?.then((info) => {
      created.lost = info;
    });
    state = created;
  }
  return state;
}

function layoutFor(device: GPUDevice, state: DeviceState, aliasing: Aliasing, params: boolean): GPUBindGroupLayout {
  const key = `${aliasing} ${params}` as const;
  let layout = state.layouts.get(key);
  if (layout === undefined) {
    const { pass, written } = aliasingEntry(aliasing);
    const storage = written.map(
      (w, slot): GPUBindGroupLayoutEntry => ({
        binding: slot,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: w ? 'storage' : 'read-only-storage' },
      }),
    );
    const names = pass === 'forward' ? (['x', 'out', 'tail'] as const) : (['x', 'dy', 'out', 'tail'] as const);
    const parameters = names.map(
      (name): GPUBindGroupLayoutEntry => ({
        binding: PARAM_BINDINGS[name],
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: 'uniform', minBindingSize: PARAM_BYTES },
      }),
    );
    const entries = params ? [...storage, ...parameters] : storage;
    layout = device.createBindGroupLayout({ label: `webgpu-mish layout ${aliasing}${params ? '' : ' exact'}`, entries });
    state.layouts.set(key, layout);
  }
  return layout;
}

function pipelineDescriptor(
  device: GPUDevice,
  state: DeviceState,
  kernel: KernelSpec,
  aliasing: Aliasing,
  access: Access,
): { layout: GPUBindGroupLayout; descriptor: GPUComputePipelineDescriptor } {
  const layout = layoutFor(device, state, aliasing, hasParams(access));
  const { workgroupSize, chunksPerInvocation } = state.tiling;
  const label = `webgpu-mish ${kernel.name} ${aliasing} ${access} ${tilingName(state.tiling)}`;
  const descriptor: GPUComputePipelineDescriptor = {
    label,
    layout: device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
    compute: {
      module: device.createShaderModule({ label, code: kernelSource(kernel, aliasing, access, state.tiling) }),
      entryPoint: 'main',
      // The one-chunk entry point has no CHUNKS_PER_INVOCATION (a constant the module lacks is an error).
      constants: chunksPerInvocation === 1 ? { WORKGROUP_SIZE: workgroupSize } : { WORKGROUP_SIZE: workgroupSize, CHUNKS_PER_INVOCATION: chunksPerInvocation },
    },
  };
  return { layout, descriptor };
}

function cached(state: DeviceState, kernel: KernelSpec, access: Access): Map<Aliasing, PipelineEntry> {
  const tiling = tilingName(state.tiling);
  let byKernel = state.pipelines.get(tiling);
  if (byKernel === undefined) {
    byKernel = new Map();
    state.pipelines.set(tiling, byKernel);
  }
  let byAccess = byKernel.get(kernel);
  if (byAccess === undefined) {
    byAccess = new Map();
    byKernel.set(kernel, byAccess);
  }
  let byAliasing = byAccess.get(access);
  if (byAliasing === undefined) {
    byAliasing = new Map();
    byAccess.set(access, byAliasing);
  }
  return byAliasing;
}

/** The pipeline of one kernel, aliasing and memory access, built once per device. */
export function pipelineFor(device: GPUDevice, state: DeviceState, kernel: KernelSpec, aliasing: Aliasing, access: Access): PipelineEntry {
  const pipelines = cached(state, kernel, access);
  let entry = pipelines.get(aliasing);
  if (entry === undefined) {
    const { layout, descriptor } = pipelineDescriptor(device, state, kernel, aliasing, access);
    entry = { pipeline: device.createComputePipeline(descriptor), layout };
    pipelines.set(aliasing, entry);
  }
  return entry;
}

/**
 * Whether pipelines are built with createComputePipeline instead of createComputePipelineAsync: in Node's `webgpu`
 * package (Dawn), where the async one has crashed the process (webgpu 0.6.2 on SwiftShader: exit 139, or
 * `std::system_error: Invalid argument`). Deno's and the browsers' are used as they are.
 */
const SYNC_PIPELINES = (() => {
  const scope = globalThis as { process?: { versions?: { node?: string } }; Deno?: unknown; Bun?: unknown };
  return typeof scope.process?.versions?.node === 'string' && scope.Deno === undefined && scope.Bun === undefined;
})();

/**
 * Builds one pipeline with createComputePipelineAsync (in Node, createComputePipeline in a task of its own), unless
 * a call has already built it (synchronously) in the meantime: the first to finish is kept.
 */
export async function preparePipeline(device: GPUDevice, kernel: KernelSpec, aliasing: Aliasing, access: Access): Promise<void> {
  const state = deviceState(device);
  const pipelines = cached(state, kernel, access);
  if (pipelines.has(aliasing)) return;
  if (SYNC_PIPELINES) {
    // One pipeline per task, so that the event loop keeps running between compiles.
    await new Promise((resolve) => setTimeout(resolve, 0));
    pipelineFor(device, state, kernel, aliasing, access);
    return;
  }
  const { layout, descriptor } = pipelineDescriptor(device, state, kernel, aliasing, access);
  const pipeline = await device.createComputePipelineAsync(descriptor);
  if (!pipelines.has(aliasing)) pipelines.set(aliasing, { pipeline, layout });
}

/**
 * For tests: folds the grids of calls planned from now on past `count` workgroups per dimension instead of the
 * device's limit, so that the 2-D fold runs at sizes a test can hold (at 8 192 elements per workgroup the real
 * limit, 65 535, is 2 GB of f32). The dispatches and the WGSL are the same as at the real limit.
 */
export function limitWorkgroupsPerDimension(device: GPUDevice, count: number): void {
  const state = deviceState(device);
  state.limits = { ...state.limits, maxComputeWorkgroupsPerDimension: Math.min(count, state.limits.maxComputeWorkgroupsPerDimension) };
}

/** How many pipelines the package holds for `device` (for tests of `prepare`). */
export function pipelineCount(device: GPUDevice): number {
  let count = 0;
  for (const byKernel of states.get(device)?.pipelines.values() ?? []) {
    for (const byAccess of byKernel.values()) {
      for (const byAliasing of byAccess.values()) count += byAliasing.size;
    }
  }
  return count;
}

/** Lets go of the pipelines of every tiling but `keep` (tilingName): tuneTiling's losers. */
export function dropPipelinesExcept(device: GPUDevice, keep: string): void {
  const { pipelines } = deviceState(device);
  for (const name of [...pipelines.keys()]) if (name !== keep) pipelines.delete(name);
}

/**
 * Makes calls on `device` from now on use `tiling`. Plans made with the old one are dropped (their grids were sized
 * for it); commands already recorded keep the pipelines and bind groups they hold.
 */
export function useTiling(device: GPUDevice, tiling: TilingChoice): void {
  const state = deviceState(device);
  const reshaped = tilingName(tiling) !== tilingName(state.tiling);
  // Frozen: getTiling hands it to callers.
  state.tiling = Object.freeze({ ...tiling });
  if (reshaped) state.plans = new WeakMap();
}
