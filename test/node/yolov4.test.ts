// The bench's YOLOv4 (common/models/yolov4.ts) as tfjs-converter writes it and as the ONNX model ONNX Runtime Web runs
// (common/ort/onnx-network.ts): the layers it should have, what the rewrite folds, and the two models computing the
// same outputs from the same weights (TF.js's CPU backend against ONNX Runtime Web's wasm one, thinned 16×).
import '@tensorflow/tfjs-backend-cpu';
import * as tfconv from '@tensorflow/tfjs-converter';
import * as tf from '@tensorflow/tfjs-core';
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { activationBytes } from '../../common/models/forms.js';
import { normals } from '../../common/models/normals.js';
import { writeYolov4, yolov4 } from '../../common/models/yolov4.js';
import { OnnxNetwork, transposeLayout } from '../../common/ort/onnx-network.js';
import { fuseMishInGraph } from '../../src/tfjs.js';
import type { GraphNode } from '../../src/testing.js';

const SIZE = 64;
const THIN = { widthDivisor: 16 };

describe('YOLOv4 as the bench builds it', () => {
  it('has the layers of the TF2 ports: 110 convolutions (72 with Mish), 23 residual adds, 10 concatenations, 3 max pools, 2 upsamplings, 3 heads', () => {
    const net = yolov4(SIZE, 'softplus', THIN);
    expect({ convolutions: net.convolutions, mish: net.mishLayers, adds: net.residualAdds, concatenations: net.concatenations }).toEqual({
      convolutions: 110,
      mish: 72,
      adds: 23,
      concatenations: 10,
    });
    const ops = (net.artifacts.modelTopology as { node: GraphNode[] }).node.map((n) => n.op);
    const count = (op: string) => ops.filter((o) => o === op).length;
    expect([count('MaxPool'), count('ResizeNearestNeighbor'), count('_FusedConv2D')]).toEqual([3, 2, 110]);
    const leaky = (net.artifacts.modelTopology as { node: GraphNode[] }).node.filter((n) =>
      (n.attr?.fused_ops?.list?.s ?? []).map((s) => atob(s)).includes('LeakyRelu'),
    );
    expect(leaky).toHaveLength(35);
    const { fused, convolutions, residualAdds } = fuseMishInGraph(net.artifacts);
    expect({ fused, convolutions, residualAdds }).toEqual({ fused: 72, convolutions: 72, residualAdds: 23 });
  });

  it('at 416 × 416, full width, what the README says a hardware GPU is spared per forward (computed from the graph)', () => {
    // Every layer's channels are divided by 16 here, so every activation holds 1/16 of its elements at full width.
    const net = yolov4(416, 'softplus', THIN);
    const [mish, adds] = [net.mishElements * THIN.widthDivisor, net.residualElements * THIN.widthDivisor];
    expect({ mish, adds }).toEqual({ mish: 44_388_864, adds: 8_652_800 });
    const converter = activationBytes({ composite: 'softplus' }, mish, adds) as number;
    const residual = activationBytes('residual', mish, adds) as number;
    const floor = activationBytes('none', 0, adds) as number;
    expect({ converter, residual, floor }).toEqual({ converter: 1_346_721_792, residual: 0, floor: 103_833_600 });
  });

  it('its ONNX twin computes what the TF graph computes, from the same weights', async () => {
    ort.env.wasm.numThreads = 1;
    const onnx = new OnnxNetwork();
    const detector = writeYolov4(onnx, SIZE, THIN);
    const session = await ort.InferenceSession.create(onnx.model(detector.heads));
    const input = normals(SIZE * SIZE * 3, 7, 1);
    const results = await session.run({
      [detector.input.name]: new ort.Tensor('float32', transposeLayout(input, detector.input.shape, 'NCHW'), [1, 3, SIZE, SIZE]),
    });
    await tf.setBackend('cpu');
    const model = await tfconv.loadGraphModel(tf.io.fromMemory(yolov4(SIZE, 'softplus', THIN).artifacts));
    const outputs = model.execute(tf.tensor4d(input, [1, SIZE, SIZE, 3])) as tf.Tensor[];
    for (const [k, head] of detector.heads.entries()) {
      const theirs = transposeLayout(results[head.name]?.data as Float32Array, head.shape, 'NHWC');
      const ours = (await outputs[k]?.data()) as Float32Array;
      expect(ours.length).toBe(theirs.length);
      const scale = Math.max(...ours.map(Math.abs));
      const worst = Math.max(...ours.map((v, i) => Math.abs(v - (theirs[i] as number))));
      expect(worst / scale, `head ${head.name}`).toBeLessThan(1e-5);
    }
    tf.dispose(outputs);
    model.dispose();
  });
});
