/**
 * The peer a user would pick for a YOLOv4 in the browser: the same network with the same weights (yolov4.ts, written
 * as ONNX by common/ort/onnx-network.ts) on ONNX Runtime Web's WebGPU execution provider, on the device TF.js uses.
 * Its input is the TF.js forms' input (NHWC) transposed to NCHW; its outputs come back transposed to NHWC, so that they
 * compare with TF.js's element for element. Browsers only.
 */
import { OnnxNetwork } from '../ort/onnx-network.js';
import { configureOrt } from '../ort/session.js';
import { writeYolov4 } from './yolov4.js';

export interface OrtDetector {
  /** One forward, its outputs read back (NHWC, the heads in order). */
  run(): Promise<Float32Array[]>;
  release(): Promise<void>;
}

/** `values` [n, h, w, c] as [n, c, h, w] (and back, with the shape given in NHWC). */
function transpose(values: Float32Array, [n, h, w, c]: readonly number[], toNchw: boolean): Float32Array {
  const out = new Float32Array(values.length);
  for (let b = 0; b < (n as number); b++) for (let y = 0; y < (h as number); y++) for (let x = 0; x < (w as number); x++) for (let k = 0; k < (c as number); k++) {
    const nhwc = ((b * (h as number) + y) * (w as number) + x) * (c as number) + k;
    const nchw = ((b * (c as number) + k) * (h as number) + y) * (w as number) + x;
    if (toNchw) out[nchw] = values[nhwc] as number;
    else out[nhwc] = values[nchw] as number;
  }
  return out;
}

/** YOLOv4 at `size` × `size` (1/`widthDivisor` of its width) on ONNX Runtime Web, fed `input` (NHWC values). */
export async function startOrtDetector(device: GPUDevice, size: number, widthDivisor: number, input: Float32Array): Promise<OrtDetector> {
  const ort = configureOrt();
  const net = new OnnxNetwork();
  const detector = writeYolov4(net, size, { widthDivisor });
  const session = await ort.InferenceSession.create(net.model(detector.heads), { executionProviders: [{ name: 'webgpu', device }] });
  const image = new ort.Tensor('float32', transpose(input, detector.input.shape, true), [1, 3, size, size]);
  return {
    async run() {
      const results = await session.run({ [detector.input.name]: image });
      return detector.heads.map((head) => transpose(results[head.name]?.data as Float32Array, head.shape, false));
    },
    release: () => session.release(),
  };
}
