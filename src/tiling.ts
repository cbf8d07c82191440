/**
 * The shape of the element-wise kernel on a device: invocations per workgroup and vec4 chunks (or 16-bit vectors)
 * per invocation. It is chosen once per device by a small rule on what the device says of its adapter
 * (`device.adapterInfo`), deterministically, with no timing: the shapes measured best on the software adapters we
 * run, and for hardware GPUs the vendors' baseline. A caller can force a shape (`setTiling`) or opt in to a one-off
 * measurement that picks the fastest for its device (`tuneTiling`, src/tune-tiling.ts), as
 * `torch.backends.cudnn.benchmark` does. `npm run bench -- --tiling` times every shape of TILINGS side by side, to
 * set the rule of an adapter we have not measured.
 */

export interface Tiling {
  /** Invocations per workgroup. */
  readonly workgroupSize: number;
  /** Chunks (one vec4 of f32, or eight 16-bit elements) each invocation processes, in a loop. */
  readonly chunksPerInvocation: number;
}

/** Where a device's tiling came from, and why. */
export interface TilingChoice extends Tiling {
  /** 'rule': chosen from the adapter's info; 'forced': setTiling; 'measured': tuneTiling. */
  readonly source: 'rule' | 'forced' | 'measured';
  readonly reason: string;
}

/**
 * The kernel shapes the rule, `tuneTiling` and the bench's sweep (`npm run bench -- --tiling`) choose among: 64, 128
 * or 256 invocations per workgroup, each with 1, 2, 4 or 8 vec4 chunks per invocation. Pass one to `setTiling`.
 */
export const TILINGS: readonly Tiling[] = [64, 128, 256].flatMap((workgroupSize) =>
  [1, 2, 4, 8].map((chunksPerInvocation) => ({ workgroupSize, chunksPerInvocation })),
);

/**
 * A tiling's name as tables, labels and the bench print it: invocations per workgroup × chunks per invocation.
 *
 * @example
 * ```ts
 * tilingName(getTiling(device)); // '256x8' on SwiftShader, '256x1' on llvmpipe, '64x1' on a hardware GPU
 * ```
 */
export function tilingName(tiling: Tiling): string {
  return `${tiling.workgroupSize}x${tiling.chunksPerInvocation}`;
}

/** SwiftShader (Chrome, and Dawn in Node, without a GPU): the chunk loop pays off there (docs/history.md). */
const SWIFTSHADER: Tiling = { workgroupSize: 256, chunksPerInvocation: 8 };

/**
 * Mesa's llvmpipe (Deno, and Firefox, through wgpu, without a GPU): one vec4 per invocation, with no loop (the loop
 * of several chunks cost llvmpipe 1.2–1.9×; 64 invocations per workgroup 2×: `npm run bench -- --tiling`).
 */
const LLVMPIPE: Tiling = { workgroupSize: 256, chunksPerInvocation: 1 };

/**
 * A software adapter that does not say which one it is. Chrome and Dawn always name SwiftShader, so this is a
 * browser that hides adapterInfo (Firefox) on wgpu's software adapters: llvmpipe or lavapipe on Linux, WARP on
 * Windows. No one shape holds the bench's targets on both SwiftShader and llvmpipe (SwiftShader needs the chunk
 * loop for its copies, llvmpipe loses 1.2–1.9× with it), so the rule takes llvmpipe's, the adapter such a browser
 * actually offers here.
 */
const UNNAMED_SOFTWARE: Tiling = LLVMPIPE;

/**
 * Hardware GPUs: 64 invocations, one vec4 each. 64 is a multiple of every vendor's SIMD width (NVIDIA's 32-wide
 * warps, AMD's 32- and 64-wide waves, Apple's and Intel's up to 32) and the baseline Arm's Mali GPU Best Practices
 * Guide gives ("use 64 as a baseline workgroup size; do not use more than 64 threads per workgroup"); NVIDIA's CUDA
 * C++ Best Practices Guide asks for a multiple of 32. A little work per invocation and no loop is how GPU
 * element-wise programs are written (TF.js's WebGPU unary programs: 128 invocations, one element each): the hardware
 * hides memory latency with many resident invocations, not with a loop inside one.
 */
const HARDWARE: Tiling = { workgroupSize: 64, chunksPerInvocation: 1 };

/** Every shape the rule can choose, each once: the suite runs the parity checks and the fuzz under each. */
export const RULE_TILINGS: readonly Tiling[] = [SWIFTSHADER, LLVMPIPE, UNNAMED_SOFTWARE, HARDWARE].filter(
  (tiling, k, all) => all.findIndex((t) => tilingName(t) === tilingName(tiling)) === k,
);

/** What a device says of its adapter (Firefox: empty strings; older implementations: nothing). */
export interface AdapterFacts {
  readonly vendor?: string;
  readonly architecture?: string;
  readonly description?: string;
  readonly isFallbackAdapter?: boolean;
}

/** The rule: the tiling for an adapter from its info alone. */
export function tilingFor(info: AdapterFacts | undefined): TilingChoice {
  const name = `${info?.vendor ?? ''} ${info?.architecture ?? ''} ${info?.description ?? ''}`;
  if (/swiftshader/i.test(name)) return { ...SWIFTSHADER, source: 'rule', reason: 'SwiftShader (software)' };
  if (/llvmpipe|lavapipe/i.test(name)) return { ...LLVMPIPE, source: 'rule', reason: 'llvmpipe (software)' };
  if (info?.isFallbackAdapter === true) {
    return { ...UNNAMED_SOFTWARE, source: 'rule', reason: 'a software adapter that does not say which (the shape that holds on SwiftShader and llvmpipe)' };
  }
  return { ...HARDWARE, source: 'rule', reason: "a hardware GPU (the vendors' baseline)" };
}

/** Checks a tiling a caller passes against the device's limits; throws a TypeError / RangeError naming the fix. */
export function checkTiling(fn: string, tiling: unknown, limits: { maxComputeInvocationsPerWorkgroup: number; maxComputeWorkgroupSizeX: number }): Tiling {
  if (typeof tiling !== 'object' || tiling === null) {
    throw new TypeError(`${fn}: tiling must be { workgroupSize, chunksPerInvocation } or 'auto' (got ${tiling === null ? 'null' : typeof tiling})`);
  }
  const { workgroupSize, chunksPerInvocation } = tiling as Partial<Tiling>;
  const most = Math.min(limits.maxComputeInvocationsPerWorkgroup, limits.maxComputeWorkgroupSizeX);
  if (typeof workgroupSize !== 'number' || !Number.isInteger(workgroupSize) || workgroupSize < 1 || workgroupSize > most) {
    throw new RangeError(`${fn}: workgroupSize must be a whole number from 1 to ${most} (the device's limit) (got ${String(workgroupSize)})`);
  }
  if (typeof chunksPerInvocation !== 'number' || !Number.isInteger(chunksPerInvocation) || chunksPerInvocation < 1 || chunksPerInvocation > 64) {
    throw new RangeError(`${fn}: chunksPerInvocation must be a whole number from 1 to 64 (got ${String(chunksPerInvocation)})`);
  }
  return { workgroupSize, chunksPerInvocation };
}
