/**
 * WebGPU in Node through the `webgpu` package (Dawn's Node bindings), for the bench's `--runtime node` and the
 * Node test suite: the WebGPU globals (GPUBufferUsage, …) and `navigator.gpu`, as in a browser (Node 20 has no
 * navigator; the library itself only uses the device it is given). Dawn looks for real GPU drivers first (Vulkan,
 * Metal, D3D12). Where it finds none and VK_ICD_FILENAMES is unset, SwiftShader, the CPU Vulkan driver that
 * Debian's `chromium` package installs, is tried (it needs the Vulkan loader, `libvulkan1`).
 */
import { existsSync } from 'node:fs';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export interface NodeGpu {
  adapter: GPUAdapter | null;
  /** Why there is no adapter, when there is none. */
  problem: string | null;
  /** Set when no hardware adapter was found and SwiftShader was used instead. */
  fallback: string | null;
}

export async function setUpNodeGpu(): Promise<NodeGpu> {
  const { create, globals } = await import('webgpu');
  Object.assign(globalThis, globals);
  const start = (): GPU => {
    const gpu = create([]);
    Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true });
    return gpu;
  };
  let adapter = await start().requestAdapter();
  let fallback: string | null = null;
  if (adapter === null && process.env.VK_ICD_FILENAMES === undefined && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    adapter = await start().requestAdapter();
    if (adapter !== null) fallback = `no hardware adapter found; using SwiftShader (VK_ICD_FILENAMES=${SWIFTSHADER_ICD})`;
  }
  const problem =
    adapter === null
      ? `the webgpu package found no adapter (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'}; ` +
        'without a GPU on Debian: apt-get install libvulkan1 chromium)'
      : null;
  return { adapter, problem, fallback };
}
