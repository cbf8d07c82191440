// conv2dMish's argument checks (src/tfjs/conv-args.ts), on TF.js's cpu backend in Node: every bad argument is a
// TypeError or RangeError that names it and the fix, thrown before anything runs; good arguments in every spelling
// compute what tf.fused.conv2d then mish compute.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv2dMish, mish } from '../../src/tfjs.js';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const x = () =>
  tf.tensor4d(
    Array.from({ length: 2 * 5 * 5 * 3 }, (_, i) => Math.sin(i)),
    [2, 5, 5, 3],
  );
const filter = () =>
  tf.tensor4d(
    Array.from({ length: 3 * 3 * 3 * 4 }, (_, i) => Math.cos(i) / 4),
    [3, 3, 3, 4],
  );
const bias = () => tf.tensor1d([0.1, -0.2, 0.3, 0]);

describe('conv2dMish arguments', () => {
  it.each([
    [
      'x not a tensor',
      () => conv2dMish([1, 2] as never, filter(), bias(), { strides: 1, pad: 'same' }),
      TypeError,
      /^conv2dMish: x must be a rank-4 tf\.Tensor, \[batch, height, width, channels\] \(got an array\); for one image pass x\.expandDims\(0\)$/,
    ],
    [
      'x of rank 3',
      () => conv2dMish(tf.zeros([5, 5, 3]) as never, filter(), bias(), { strides: 1, pad: 'same' }),
      TypeError,
      /x must be a rank-4 tf\.Tensor.*\(got a rank-3 tensor of shape \[5, 5, 3\]\)/,
    ],
    [
      'x int32',
      () => conv2dMish(tf.zeros([1, 5, 5, 3], 'int32') as never, filter(), bias(), { strides: 1, pad: 'same' }),
      TypeError,
      /x must be float32 \(got int32\); cast it with tf\.cast\(x, 'float32'\)/,
    ],
    [
      'filter of rank 2',
      () => conv2dMish(x(), tf.zeros([3, 4]) as never, bias(), { strides: 1, pad: 'same' }),
      TypeError,
      /filter must be a rank-4 tf\.Tensor, \[filterHeight, filterWidth, inChannels, outChannels\]/,
    ],
    [
      'channels differ',
      () => conv2dMish(x(), tf.zeros([3, 3, 2, 4]) as never, bias(), { strides: 1, pad: 'same' }),
      RangeError,
      /filter\.shape\[2\] \(2 input channels\) must equal x's channels \(3, x\.shape\[3\] in NHWC\)/,
    ],
    [
      'bias of the wrong length',
      () => conv2dMish(x(), filter(), tf.zeros([3]) as never, { strides: 1, pad: 'same' }),
      RangeError,
      /bias must be a scalar or a 1-D tensor of filter\.shape\[3\] \(4\) values \(got shape \[3\]\)/,
    ],
    [
      'bias an array',
      () => conv2dMish(x(), filter(), [1, 2, 3, 4] as never, { strides: 1, pad: 'same' }),
      TypeError,
      /bias must be a float32 tf\.Tensor or undefined \(got an array\)/,
    ],
    [
      'no params',
      () => conv2dMish(x(), filter(), bias(), undefined as never),
      TypeError,
      /params must be an object \(got undefined\); e\.g\. \{ strides: 1, pad: 'same' \}/,
    ],
    [
      'a misspelt option',
      () => conv2dMish(x(), filter(), bias(), { strides: 1, pad: 'same', dilation: 2 } as never),
      TypeError,
      /^conv2dMish: no option 'dilation' in params; did you mean 'dilations'\? \(the options are strides, pad, dataFormat, dilations\)$/,
    ],
    ['no strides', () => conv2dMish(x(), filter(), bias(), { pad: 'same' } as never), TypeError, /params\.strides is required/],
    [
      'strides 0',
      () => conv2dMish(x(), filter(), bias(), { strides: 0, pad: 'same' }),
      RangeError,
      /params\.strides must be a positive integer or a pair of them \(got 0\)/,
    ],
    [
      'pad misspelt',
      () => conv2dMish(x(), filter(), bias(), { strides: 1, pad: 'SAME' as never }),
      TypeError,
      /params\.pad must be 'same', 'valid'.*\(got "SAME"\)/,
    ],
    ['strides and dilations', () => conv2dMish(x(), filter(), bias(), { strides: 2, pad: 'same', dilations: 2 }), RangeError, /one of them must be 1/],
    [
      'dataFormat',
      () => conv2dMish(x(), filter(), bias(), { strides: 1, pad: 'same', dataFormat: 'NWHC' as never }),
      TypeError,
      /params\.dataFormat must be 'NHWC' or 'NCHW' \(got "NWHC"\)/,
    ],
  ])('%s', (_, call, kind, message) => {
    const before = tf.memory().numTensors;
    expect(call).toThrow(kind);
    expect(call).toThrow(message);
    // Only the test's own inputs were made: the check ran before any op.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(2 * 3);
  });

  it('takes strides and dilations as a number or a pair, pad in every form, and no bias, as tf.fused.conv2d does', async () => {
    const cases: Array<[tf.Tensor1D | undefined, Parameters<typeof conv2dMish>[3], Omit<Parameters<typeof tf.fused.conv2d>[0], 'x' | 'filter'>]> = [
      [bias(), { strides: 1, pad: 'same' }, { strides: [1, 1], pad: 'same' }],
      [undefined, { strides: [2, 1], pad: 'valid' }, { strides: [2, 1], pad: 'valid' }],
      [bias(), { strides: 1, pad: 1, dilations: 2 }, { strides: 1, pad: 1, dilations: [2, 2] }],
      [
        bias(),
        {
          strides: 1,
          pad: [
            [0, 0],
            [1, 0],
            [0, 2],
            [0, 0],
          ],
        },
        {
          strides: 1,
          pad: [
            [0, 0],
            [1, 0],
            [0, 2],
            [0, 0],
          ],
        },
      ],
    ];
    for (const [b, params, theirs] of cases) {
      const ours = await conv2dMish(x(), filter(), b, params).data();
      const expected = await mish(tf.fused.conv2d({ ...theirs, x: x(), filter: filter(), bias: b })).data();
      expect(Array.from(ours)).toEqual(Array.from(expected));
    }
  });
});
