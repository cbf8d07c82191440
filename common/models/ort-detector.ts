/**
 * The peer a user would pick for a YOLOv4 in the browser: the same network with the same weights (yolov4.ts, written
 * as ONNX by common/ort/onnx-network.ts) on ONNX Runtime Web's WebGPU execution provider, on the device TF.js uses.
 * Its input is the TF.js forms' input (NHWC) transposed to NCHW; its outputs come back transposed to NHWC, so that they
 * compare with TF.js's element for element. Browsers only.
 */
import { OnnxNetwork, transposeLayout } from '../ort/onnx-network.js';
import { configureOrt } from '../ort/session.js';
import { writeYolov4 } from './yolov4.js';

export interface OrtDetector {
  /** One forward, its outputs read back (NHWC, the heads in order). */
  run(): Promise<Float32Array[]>;
  release(): Promise<void>;
}

/** YOLOv4 at `size` × `size` (1/`widthDivisor` of its width) on ONNX Runtime Web, fed `input` (NHWC values). */
export async function startOrtDetector(device: GPUDevice, size: number, widthDivisor: number, input: Float32Array): Promise<OrtDetector> {
  const ort = configureOrt();
  const net = new OnnxNetwork();
  const detector = writeYolov4(net, size, { widthDivisor });
  const session = await ort.InferenceSession.create(net.model(detector.heads), { executionProviders: [{ name: 'webgpu', device }] });
  const image = new ort.Tensor('float32', transposeLayout(input, detector.input.shape, 'NCHW'), [1, 3, size, size]);
  return {
    async run() {
      const results = await session.run({ [detector.input.name]: image });
      return detector.heads.map((head) => transposeLayout(results[head.name]?.data as Float32Array, head.shape, 'NHWC'));
    },
    release: () => session.release(),
  };
}
