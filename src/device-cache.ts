import {
  CHUNKS_PER_INVOCATION,
  PARAM_SLOTS,
  PARAMS_BINDING,
  PARAMS_BYTES,
  WORKGROUP_SIZE,
} from './constants.js';
import { type Aliasing, buildKernelSource, type KernelSpec, type Pass, type Access } from './shaders.js';

/** The contents of one call's parameter block, and the same as a string (its cache key). */
export interface ParamBlock {
  readonly values: readonly [number, number, number, number];
  readonly key: string;
}

/** The limits a call checks, read once: each read of `device.limits` crosses into the browser. */
export interface DeviceLimits {
  readonly minStorageBufferOffsetAlignment: number;
  readonly maxStorageBufferBindingSize: number;
  readonly maxComputeWorkgroupsPerDimension: number;
}

/** What the package keeps for one device: pipelines, layouts and parameter blocks, all labelled. */
interface DeviceCache {
  readonly limits: DeviceLimits;
  readonly queue: GPUQueue;
  /** Pipelines with the bind group layout they were built on, by pipelineKey(). */
  readonly pipelines: Map<string, { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout }>;
  readonly layouts: Map<string, GPUBindGroupLayout>;
  /** Created on the first dispatch, so that argument checks never allocate. */
  paramBuffer: GPUBuffer | undefined;
  readonly paramStride: number;
  /** Parameter block contents (as a key) → slot index, oldest use first. */
  readonly paramSlots: Map<string, number>;
  /** Set when `device.lost` resolves. */
  lost: GPUDeviceLostInfo | undefined;
}

// Keyed by device, so that a device that is dropped takes its pipelines and parameter buffer with it.
const caches = new WeakMap<GPUDevice, DeviceCache>();

/** The device's limits and queue, read once per device. */
export function deviceFacts(device: GPUDevice): { limits: DeviceLimits; queue: GPUQueue } {
  return cacheFor(device);
}

function cacheFor(device: GPUDevice): DeviceCache {
  let cache = caches.get(device);
  if (cache === undefined) {
    const limits = device.limits;
    const paramStride = Math.max(PARAMS_BYTES, limits.minUniformBufferOffsetAlignment);
    cache = {
      limits: {
        minStorageBufferOffsetAlignment: limits.minStorageBufferOffsetAlignment,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      },
      queue: device.queue,
      pipelines: new Map(),
      layouts: new Map(),
      paramBuffer: undefined,
      paramStride,
      paramSlots: new Map(),
      lost: undefined,
    };
    caches.set(device, cache);
    const entry = cache;
    // device.lost may be missing on stand-in devices (argument tests); a real device always has it.
    device.lost?.then((info) => {
      entry.lost = info;
    });
  }
  return cache;
}

function paramBufferOf(device: GPUDevice, cache: DeviceCache): GPUBuffer {
  cache.paramBuffer ??= device.createBuffer({
    label: 'webgpu-mish params',
    size: cache.paramStride * PARAM_SLOTS,
    usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
  });
  return cache.paramBuffer;
}

function layoutFor(device: GPUDevice, cache: DeviceCache, slotAccess: readonly boolean[]): GPUBindGroupLayout {
  const key = slotAccess.map((writable) => (writable ? 'w' : 'r')).join('');
  let layout = cache.layouts.get(key);
  if (layout === undefined) {
    const entries: GPUBindGroupLayoutEntry[] = [
      {
        binding: PARAMS_BINDING,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: 'uniform', hasDynamicOffset: true, minBindingSize: PARAMS_BYTES },
      },
    ];
    slotAccess.forEach((writable, slot) => {
      entries.push({
        binding: PARAMS_BINDING + 1 + slot,
        visibility: GPUShaderStage.COMPUTE,
        buffer: { type: writable ? 'storage' : 'read-only-storage' },
      });
    });
    layout = device.createBindGroupLayout({ label: `webgpu-mish layout ${key}`, entries });
    cache.layouts.set(key, layout);
  }
  return layout;
}

function pipelineKey(kernel: KernelSpec, pass: Pass, aliasing: Aliasing, access: Access): string {
  return `${kernel.name} ${pass} ${access} ${aliasing.join('')}`;
}

function pipelineDescriptor(
  device: GPUDevice,
  cache: DeviceCache,
  key: string,
  kernel: KernelSpec,
  pass: Pass,
  aliasing: Aliasing,
  access: Access,
): { layout: GPUBindGroupLayout; descriptor: GPUComputePipelineDescriptor } {
  const written = aliasing[aliasing.length - 1];
  const slotAccess = Array.from({ length: Math.max(...aliasing) + 1 }, (_, slot) => slot === written);
  const layout = layoutFor(device, cache, slotAccess);
  const label = `webgpu-mish ${key}`;
  const descriptor: GPUComputePipelineDescriptor = {
    label,
    layout: device.createPipelineLayout({ label, bindGroupLayouts: [layout] }),
    compute: {
      module: device.createShaderModule({ label, code: buildKernelSource(kernel, pass, aliasing, access) }),
      entryPoint: 'main',
      constants: { WORKGROUP_SIZE, CHUNKS_PER_INVOCATION },
    },
  };
  return { layout, descriptor };
}

/** The pipeline and bind group layout for one kernel, pass, aliasing and access, built once per device. */
export function pipelineFor(
  device: GPUDevice,
  kernel: KernelSpec,
  pass: Pass,
  aliasing: Aliasing,
  access: Access,
): { pipeline: GPUComputePipeline; layout: GPUBindGroupLayout; paramBuffer: GPUBuffer } {
  const cache = cacheFor(device);
  const key = pipelineKey(kernel, pass, aliasing, access);
  let entry = cache.pipelines.get(key);
  if (entry === undefined) {
    const { layout, descriptor } = pipelineDescriptor(device, cache, key, kernel, pass, aliasing, access);
    entry = { pipeline: device.createComputePipeline(descriptor), layout };
    cache.pipelines.set(key, entry);
  }
  return { ...entry, paramBuffer: paramBufferOf(device, cache) };
}

/**
 * Builds one pipeline with createComputePipelineAsync, unless a call has already built it (synchronously) in
 * the meantime: the first to finish is kept.
 */
export async function preparePipeline(
  device: GPUDevice,
  kernel: KernelSpec,
  pass: Pass,
  aliasing: Aliasing,
  access: Access,
): Promise<void> {
  const cache = cacheFor(device);
  const key = pipelineKey(kernel, pass, aliasing, access);
  if (cache.pipelines.has(key)) return;
  const { layout, descriptor } = pipelineDescriptor(device, cache, key, kernel, pass, aliasing, access);
  const pipeline = await device.createComputePipelineAsync(descriptor);
  if (!cache.pipelines.has(key)) cache.pipelines.set(key, { pipeline, layout });
}

/** How many pipelines the package holds for `device` (for tests of `prepare`). */
export function pipelineCount(device: GPUDevice): number {
  return caches.get(device)?.pipelines.size ?? 0;
}

/** The loss of `device`, once the browser has reported it; undefined while it is usable. */
export function lossOf(device: GPUDevice): GPUDeviceLostInfo | undefined {
  return cacheFor(device).lost;
}

/**
 * The dynamic offset of a parameter block holding `values` (length, x_offset, dy_offset, out_offset). Blocks
 * are content-addressed: calls with the same range share one, which is written once, so several calls recorded
 * into one encoder each keep their own parameters. The least recently used block is recycled when all are taken.
 */
export function paramOffsetFor(device: GPUDevice, params: ParamBlock): number {
  const cache = cacheFor(device);
  const { key, values } = params;
  let slot = cache.paramSlots.get(key);
  if (slot !== undefined) {
    cache.paramSlots.delete(key);
  } else {
    if (cache.paramSlots.size < PARAM_SLOTS) {
      slot = cache.paramSlots.size;
    } else {
      const [oldestKey, oldestSlot] = cache.paramSlots.entries().next().value as [string, number];
      cache.paramSlots.delete(oldestKey);
      slot = oldestSlot;
    }
    cache.queue.writeBuffer(paramBufferOf(device, cache), slot * cache.paramStride, new Uint32Array(values));
  }
  cache.paramSlots.set(key, slot);
  return slot * cache.paramStride;
}
