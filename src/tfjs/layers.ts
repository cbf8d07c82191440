/**
 * Mish for tfjs-layers on the fused op: the activation `'mish'`, TF Addons' `'Addons>mish'` (Keras models that used
 * `tfa.activations.mish`), and the `Mish` layer class the popular Keras YOLOv4 ports define (config: name, trainable,
 * dtype). tfjs-layers looks activations and layers up by class name in tfjs-core's serialization map; registering
 * classes there makes layers built afterwards, and models loaded, use them. No import of tfjs-layers is needed: the
 * `Mish` layer is built on the `Activation` layer tfjs-layers registered there.
 */
import { serialization, type Tensor } from '@tensorflow/tfjs-core';
import { mish } from './op.js';

/** The `'mish'` activation of tfjs-layers, running `mish()` of this package. */
export class FusedMish extends serialization.Serializable {
  /** The name tfjs-layers and Keras model files use for Mish. */
  static readonly className: string = 'mish';

  apply(x: Tensor): Tensor {
    return mish(x);
  }

  getConfig(): serialization.ConfigDict {
    return {};
  }
}

/** TF Addons' name for Mish, as Keras models that used `tfa.activations.mish` carry it. */
export class AddonsMish extends FusedMish {
  static override readonly className = 'Addons>mish';
}

/** The layer constructor registered under a class name in tfjs-core's serialization map (tfjs-layers' layers). */
type LayerClass = new (args: Record<string, unknown>) => serialization.Serializable & { getConfig(): serialization.ConfigDict };

/** The `Mish` layer of the Keras YOLOv4 ports, on tfjs-layers' Activation layer; null without tfjs-layers. */
function mishLayerClass(): (LayerClass & serialization.SerializableConstructor<serialization.Serializable>) | null {
  const entry = serialization.SerializationMap.getMap().classNameMap.Activation;
  if (entry === undefined) return null;
  const Activation = entry[0] as unknown as LayerClass;
  class Mish extends Activation {
    static readonly className = 'Mish';
    constructor(args: Record<string, unknown> = {}) {
      super({ ...args, activation: 'mish' });
    }
    override getConfig(): serialization.ConfigDict {
      const { activation: _activation, ...config } = super.getConfig();
      return config;
    }
  }
  return Mish as unknown as LayerClass & serialization.SerializableConstructor<serialization.Serializable>;
}

/**
 * Makes tfjs-layers run this package's `mish()` for Mish: the activation `'mish'` (layers created afterwards with
 * `activation: 'mish'`, or `tf.layers.activation({ activation: 'mish' })`), TF Addons' `'Addons>mish'`, and the `Mish`
 * layer class of the Keras YOLOv4 ports, so that `tf.loadLayersModel` loads models with any of them. Each uses the
 * fused kernels on the WebGPU backend and trains through the fused gradient. Idempotent. Call it after tfjs-layers has
 * been imported (its import registers its own 'mish', and the Mish layer is built on its Activation layer); layers
 * built before the call keep the activation they were built with.
 *
 * @example
 * ```ts
 * import * as tfl from '@tensorflow/tfjs-layers';
 * registerMish();
 * tfl.layers.dense({ units: 64, activation: 'mish' });
 * const yolo = await tfl.loadLayersModel('model.json'); // with Mish layers or 'Addons>mish'
 * ```
 */
export function registerMish(): void {
  serialization.registerClass(FusedMish);
  serialization.registerClass(AddonsMish);
  const layer = mishLayerClass();
  if (layer !== null) serialization.registerClass(layer);
}
