/**
 * Runs in the page (or in Node with the webgpu package): the adapter and devices the cases run on, error scopes
 * around each case (a case fails on any GPU error it leaves), and uploads.
 */
import { type AdapterDescription, describeAdapter } from '../../common/adapter.js';
import type { Tiling } from '../../src/index.js';

/** WebGPU's default maxStorageBufferBindingSize: cases whose buffers fit it run on a default-limits device. */
const DEFAULT_BINDING_BYTES = 128 * 2 ** 20;

export interface Devices {
  /**
   * Makes every device of the harness (those made already and those to come) use `tiling`, through the library under
   * test's setTiling; 'auto' is the rule's choice.
   */
  useTiling(tiling: Tiling | 'auto'): void;
  /** The adapter's description, or null where there is none. */
  describe(): Promise<AdapterDescription | null>;
  /** A device with default limits, or one whose binding and buffer limits reach `bytes`. */
  device(bytes?: number): Promise<GPUDevice>;
  /** A device of its own on a fresh adapter (an adapter yields one device): for lifecycle cases. */
  fresh(label: string): Promise<GPUDevice>;
}

export function createDevices(setTiling: (device: GPUDevice, tiling: Tiling | 'auto') => void): Devices {
  let adapterPromise: Promise<GPUAdapter | null> | undefined;
  const devices = new Map<number, Promise<GPUDevice>>();
  let tiling: Tiling | 'auto' = 'auto';
  const made = new Set<GPUDevice>();
  /** A new device, with the harness's tiling. */
  const adopt = (device: GPUDevice): GPUDevice => {
    made.add(device);
    setTiling(device, tiling);
    return device;
  };
  const adapter = (): Promise<GPUAdapter | null> => {
    if (!('gpu' in navigator)) return Promise.resolve(null);
    adapterPromise ??= navigator.gpu.requestAdapter();
    return adapterPromise;
  };
  return {
    async describe() {
      const found = await adapter();
      return found === null ? null : describeAdapter(found);
    },
    device(bytes = 0) {
      const key = bytes > DEFAULT_BINDING_BYTES ? bytes : 0;
      let promise = devices.get(key);
      if (promise === undefined) {
        // An adapter yields one device; the large-binding device needs an adapter of its own.
        const source = devices.size === 0 ? adapter() : navigator.gpu.requestAdapter();
        promise = source.then((found) => {
          if (found === null) throw new Error('no WebGPU adapter');
          if (key === 0) return found.requestDevice({ label: 'webgpu-mish test device' }).then(adopt);
          // As much as the adapter allows (Firefox's adapters bind at most 128 MiB): a longer range is split into
          // pieces, which such a device then tests too.
          const binding = Math.min(key, found.limits.maxStorageBufferBindingSize);
          return found
            .requestDevice({
              label: `webgpu-mish test device (${binding} byte bindings)`,
              requiredLimits: { maxStorageBufferBindingSize: binding, maxBufferSize: Math.min(key, found.limits.maxBufferSize) },
            })
            .then(adopt);
        });
        devices.set(key, promise);
      }
      return promise;
    },
    async fresh(label) {
      const found = await navigator.gpu.requestAdapter();
      if (found === null) throw new Error('no WebGPU adapter');
      return adopt(await found.requestDevice({ label }));
    },
    useTiling(next) {
      tiling = next;
      for (const device of made) setTiling(device, next);
    },
  };
}

export function pushScopes(gpu: GPUDevice): void {
  gpu.pushErrorScope('validation');
  gpu.pushErrorScope('out-of-memory');
  gpu.pushErrorScope('internal');
}

/** The messages of the errors caught since pushScopes. */
export async function popScopes(gpu: GPUDevice): Promise<string[]> {
  const errors = [await gpu.popErrorScope(), await gpu.popErrorScope(), await gpu.popErrorScope()];
  return errors.filter((error): error is GPUError => error !== null).map((error) => error.message);
}

/** A storage buffer (also COPY_SRC and COPY_DST) holding `data`, at least 4 bytes. */
export function upload(gpu: GPUDevice, label: string, data: ArrayBufferView<ArrayBuffer>): GPUBuffer {
  const buffer = gpu.createBuffer({
    label,
    size: Math.max(4, Math.ceil(data.byteLength / 4) * 4),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
  gpu.queue.writeBuffer(buffer, 0, data);
  return buffer;
}
