/**
 * WebGPU in Node through the `webgpu` package (Dawn's Node bindings). Without a GPU, Dawn needs a Vulkan driver:
 * the SwiftShader one that Debian's `chromium` package installs, found through VK_ICD_FILENAMES, and the Vulkan
 * loader (`libvulkan1`).
 */
import { existsSync } from 'node:fs';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export interface NodeGpu {
  adapter: GPUAdapter | null;
  /** Why there is no adapter, when there is none. */
  problem: string | null;
}

export async function setUpNodeGpu(): Promise<NodeGpu> {
  if (process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  }
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const gpu = create([]);
  // The test harness looks for navigator.gpu, as in a browser (Node 20 has no navigator); the library itself only
  // uses the device it is given.
  Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
  const adapter = await gpu.requestAdapter();
  const problem =
    adapter === null
      ? `the webgpu package found no adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'}; ` +
        'on Debian: apt-get install libvulkan1 chromium)'
      : null;
  return { adapter, problem };
}
