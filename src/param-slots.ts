/**
 * The uniform parameter blocks of one device: one buffer of PARAM_SLOTS blocks, addressed by dynamic offset.
 * Blocks are content-addressed: calls with the same (length, offsets) share one, written once, so several calls
 * recorded into one encoder each keep their own parameters; the least recently used block is recycled when all
 * are taken.
 */
import { PARAM_SLOTS, PARAMS_BYTES } from './constants.js';

/** length, x_offset, dy_offset, out_offset: the `Params` struct of shaders/elementwise/main.wgsl. */
export type ParamValues = readonly [number, number, number, number];

declare const paramKeyBrand: unique symbol;
/** A parameter block's contents as a map key; made only by `paramBlock`. */
export type ParamKey = string & { readonly [paramKeyBrand]: true };

export interface ParamBlock {
  readonly values: ParamValues;
  readonly key: ParamKey;
}

export function paramBlock(values: ParamValues): ParamBlock {
  return { values, key: values.join(',') as ParamKey };
}

export class ParamSlots {
  private buffer: GPUBuffer | undefined;
  /** Block contents → slot, least recently used first. */
  private readonly slots = new Map<ParamKey, number>();
  readonly stride: number;

  constructor(
    private readonly device: GPUDevice,
    private readonly queue: GPUQueue,
    minUniformBufferOffsetAlignment: number,
  ) {
    this.stride = Math.max(PARAMS_BYTES, minUniformBufferOffsetAlignment);
  }

  /** The device's parameter buffer, created on first use so that argument checks never allocate. */
  get uniformBuffer(): GPUBuffer {
    this.buffer ??= this.device.createBuffer({
      label: 'webgpu-mish params',
      size: this.stride * PARAM_SLOTS,
      usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST,
    });
    return this.buffer;
  }

  /** The dynamic offset of a block holding `block.values`, written to the buffer if it is not there yet. */
  offsetFor(block: ParamBlock): number {
    let slot = this.slots.get(block.key);
    if (slot !== undefined) {
      this.slots.delete(block.key);
    } else {
      if (this.slots.size < PARAM_SLOTS) {
        slot = this.slots.size;
      } else {
        const [oldestKey, oldestSlot] = this.slots.entries().next().value as [ParamKey, number];
        this.slots.delete(oldestKey);
        slot = oldestSlot;
      }
      this.queue.writeBuffer(this.uniformBuffer, slot * this.stride, new Uint32Array(block.values));
    }
    this.slots.set(block.key, slot);
    return slot * this.stride;
  }
}
