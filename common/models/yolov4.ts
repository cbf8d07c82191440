/**
 * The whole YOLOv4 detector as the TensorFlow 2 ports write it (hunglc007/tensorflow-yolov4-tflite's `YOLOv4()`) and
 * tfjs-converter converts it: the CSPDarknet53 backbone with Mish (cspdarknet53.ts), then the SPP block (three
 * convolutions, max pools of 13, 9 and 5 concatenated with their input, three more), the PANet neck (1×1
 * convolutions, nearest ×2 upsampling, concatenations with the backbone's stride-16 and stride-8 maps, blocks of five
 * convolutions, stride-2 convolutions back down) and three heads (a 3×3 convolution, then a 1×1 one to 3 × (5 + 80)
 * channels with a bias and no activation). Every convolution of the neck and heads uses leaky ReLU (α = 0.1), which
 * TensorFlow folds into the convolution. Seeded random weights. The boxes' decoding and non-maximum suppression that
 * follow the heads are left out: they are the same for every form, and no Mish is in them.
 */
import type { MishForm } from './graph-builder.js';
import { type Backbone, type BackboneOptions, checkBackboneSize, IMAGE_CHANNELS, seededConvolutions, writeCspDarknet53 } from './cspdarknet53.js';
import { type NetTensor, type NetworkWriter, TfNetwork } from './network.js';

/** The heads' channels: three anchors × (4 box coordinates, objectness, 80 COCO classes). */
const HEAD_CHANNELS = 3 * (5 + 80);

/** What writeYolov4 wrote: the input, the three heads (strides 8, 16, 32), and the counts. */
export interface Detector {
  input: NetTensor;
  heads: [NetTensor, NetTensor, NetTensor];
  convolutions: number;
  residualAdds: number;
  residualElements: number;
  concatenations: number;
}

/** YOLOv4 at `size`×`size`, written to `net`. */
export function writeYolov4(net: NetworkWriter, size: number, options: BackboneOptions = {}): Detector {
  const divisor = options.widthDivisor ?? 1;
  checkBackboneSize('yolov4', size, divisor);
  const convolutions = seededConvolutions(net, options.seed ?? 1);
  const input = net.input('image', [1, size, size, IMAGE_CHANNELS]);
  const backbone = writeCspDarknet53(net, input, convolutions, divisor);
  const [stride8, stride16, stride32] = backbone.features;
  let concatenations = backbone.concatenations;
  /** A leaky convolution of `channels` at full width (divided by the width divisor). */
  const leaky = (name: string, x: NetTensor, channels: number, kernel: 1 | 3, stride: 1 | 2 = 1) =>
    convolutions.conv(name, x, channels / divisor, kernel, stride, 'leaky');
  const concat = (name: string, inputs: NetTensor[]) => {
    concatenations++;
    return net.concat(name, inputs);
  };
  /** The neck's block of five: 1×1 to `channels`, 3×3 to twice that, three times over, ending on a 1×1. */
  const five = (name: string, x: NetTensor, channels: number) => {
    let y = x;
    for (let k = 0; k < 5; k++) y = leaky(`${name}/conv${k + 1}`, y, k % 2 === 0 ? channels : 2 * channels, k % 2 === 0 ? 1 : 3);
    return y;
  };
  const head = (name: string, x: NetTensor) => convolutions.conv(`${name}/out`, x, HEAD_CHANNELS, 1, 1, 'linear');

  // SPP.
  let x = leaky('spp/conv1', stride32, 512, 1);
  x = leaky('spp/conv2', x, 1024, 3);
  x = leaky('spp/conv3', x, 512, 1);
  x = concat('spp/concat', [net.maxPool('spp/pool13', x, 13), net.maxPool('spp/pool9', x, 9), net.maxPool('spp/pool5', x, 5), x]);
  x = leaky('spp/conv4', x, 512, 1);
  x = leaky('spp/conv5', x, 1024, 3);
  const route = leaky('spp/conv6', x, 512, 1);
  // PANet, top-down.
  x = net.upsample('neck/up1', leaky('neck/up1/conv', route, 256, 1));
  x = five('neck/block1', concat('neck/concat1', [leaky('neck/route16', stride16, 256, 1), x]), 256);
  const route16 = x;
  x = net.upsample('neck/up2', leaky('neck/up2/conv', x, 128, 1));
  const route8 = five('neck/block2', concat('neck/concat2', [leaky('neck/route8', stride8, 128, 1), x]), 128);
  const small = head('head/small', leaky('head/small/conv', route8, 256, 3));
  // PANet, bottom-up.
  x = five('neck/block3', concat('neck/concat3', [leaky('neck/down1', route8, 256, 3, 2), route16]), 256);
  const medium = head('head/medium', leaky('head/medium/conv', x, 512, 3));
  x = five('neck/block4', concat('neck/concat4', [leaky('neck/down2', x, 512, 3, 2), route]), 512);
  const large = head('head/large', leaky('head/large/conv', x, 1024, 3));
  return {
    input,
    heads: [small, medium, large],
    convolutions: convolutions.count,
    residualAdds: backbone.residualAdds,
    residualElements: backbone.residualElements,
    concatenations,
  };
}

/** YOLOv4 as tfjs-converter writes it, with Mish in `form` (null: the floor, Mish left out, the rest as it is). */
export function yolov4(size: number, form: MishForm | null, options: BackboneOptions = {}): Backbone {
  const net = new TfNetwork(form);
  const detector = writeYolov4(net, size, options);
  return {
    artifacts: net.artifacts([detector.input], detector.heads),
    inputShape: detector.input.shape,
    convolutions: detector.convolutions,
    residualAdds: detector.residualAdds,
    concatenations: detector.concatenations,
    mishElements: net.mishElements,
    mishLayers: net.mishLayers,
    residualElements: detector.residualElements,
  };
}
