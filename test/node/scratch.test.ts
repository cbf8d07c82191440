import { it } from 'vitest';
import { yolov4 } from '../../common/models/yolov4.js';
import { cspDarknet53 } from '../../common/models/cspdarknet53.js';
import { fuseMishInGraph } from '../../src/tfjs.js';
it('counts', () => {
  const y = yolov4(32, 'softplus', { widthDivisor: 16 });
  console.log(y.convolutions, y.residualAdds, y.concatenations, y.mishElements, y.residualElements, (y.artifacts.modelTopology as { node: unknown[] }).node.length);
  const f = fuseMishInGraph(y.artifacts);
  console.log(f.fused, f.convolutions, f.residualAdds);
  const b = cspDarknet53(32, 'softplus');
  console.log(b.convolutions, b.mishElements, b.residualElements, (b.artifacts.weightData as ArrayBuffer).byteLength);
  const full = yolov4(32, 'softplus');
  console.log((full.artifacts.weightData as ArrayBuffer).byteLength);
}, 120_000);
