/**
 * The tfjs-layers activation `'mish'` on the fused op. tfjs-layers looks activations up by class name in tfjs-core's
 * serialization map; registering a class named 'mish' there replaces its own (which composes softplus, tanh and mul)
 * for every layer built afterwards and every model loaded with activation 'mish'. No import of tfjs-layers needed.
 */
import { serialization, type Tensor } from '@tensorflow/tfjs-core';
import { mish } from './op.js';

/** The `'mish'` activation of tfjs-layers, running `mish()` of this package. */
export class FusedMish extends serialization.Serializable {
  /** The name tfjs-layers and Keras model files use for Mish. */
  static readonly className = 'mish';

  apply(x: Tensor): Tensor {
    return mish(x);
  }

  getConfig(): serialization.ConfigDict {
    return {};
  }
}

/**
 * Makes tfjs-layers' `'mish'` activation run this package's `mish()`: layers created afterwards with
 * `activation: 'mish'` (or `tf.layers.activation({ activation: 'mish' })`), and models loaded with it, use the fused
 * kernels on the WebGPU backend. Idempotent. Call it after tfjs-layers has been imported (its import registers its
 * own 'mish'); layers built before the call keep the activation they were built with.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * registerMish();
 * tfl.layers.dense({ units: 64, activation: 'mish' });
 * ```
 */
export function registerMish(): void {
  serialization.registerClass(FusedMish);
}
