/**
 * What the package keeps per device, as types: the state itself (device-cache.ts makes and keeps it), its pipelines
 * and its plans (plan.ts builds them). The bottom of the call path's types, so that the modules that make these
 * objects need not import each other.
 */
import type { ParamTable } from './param-table.js';
import type { TilingChoice } from './tiling.js';
import type { Access, Aliasing, DeviceLimits, KernelSpec } from './types.js';

/** One dispatch of a call: a pipeline, its bindings (parameters among them), and the grid. */
export interface Dispatch {
  readonly pipeline: GPUComputePipeline;
  readonly bindGroup: GPUBindGroup;
  readonly groupsX: number;
  readonly groupsY: number;
}

export interface Plan {
  readonly dispatches: readonly Dispatch[];
  /** The label of the call's compute pass and command encoder. */
  readonly label: string;
}

/** A device's plans: per written buffer (dropping the buffer drops them), kernel and call. */
type PlanCache = WeakMap<GPUBuffer, Map<KernelSpec, Map<string, Plan>>>;

export interface PipelineEntry {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/** Pipelines by kernel, memory access and aliasing, for one tiling. */
type PipelineCache = Map<KernelSpec, Map<Access, Map<Aliasing, PipelineEntry>>>;

export interface DeviceState {
  /** Replaced, never mutated, by limitWorkgroupsPerDimension (tests only). */
  limits: DeviceLimits;
  /** device.queue, read once (a getter that crosses into the browser). */
  readonly queue: GPUQueue;
  /** Set when `device.lost` resolves. */
  lost: GPUDeviceLostInfo | undefined;
  /** The kernel's shape on this device (src/tiling.ts): the rule's, or one setTiling / tuneTiling chose. */
  tiling: TilingChoice;
  /** Pipelines per tiling (tilingName): a pipeline's workgroup size and chunk count are its constants. */
  readonly pipelines: Map<string, PipelineCache>;
  /** Bind group layouts by aliasing and whether they bind parameters. */
  readonly layouts: Map<`${Aliasing} ${boolean}`, GPUBindGroupLayout>;
  /** The parameter table (src/param-table.ts), made by the first plan that reads parameters. */
  paramTable: ParamTable | undefined;
  /** The plans of this device's calls, per written buffer (src/plan.ts); replaced when the tiling changes. */
  plans: PlanCache;
  /**
   * Buffers this device's calls have checked: their size, or the message with which the device rejected them as
   * another device's (src/validate.ts).
   */
  readonly buffers: WeakMap<object, number | string>;
  /** The one-buffer layout of that check, made on first use. */
  probeLayout: GPUBindGroupLayout | undefined;
}
