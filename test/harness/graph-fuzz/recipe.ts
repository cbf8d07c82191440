/**
 * Random converted graph models for the rewrite's differential fuzz, as fast-check draws them (built by build.ts): a recipe (what fast-check draws and shrinks) is
 * a list of steps, each adding nodes that read earlier tensors of a pool (indices counted back from the newest, modulo
 * its size, so that every shrunk recipe still builds). Steps: convolutions as tfjs-converter writes them (Conv2D; _FusedConv2D with a bias,
 * with nothing, or with a bias and Relu), Mish in every form and operand order, near misses of Mish (a look-alike
 * x·tanh(softplus(y)), Log(Exp(x) + 2), Swish, x·tanh(x), a chain an intermediate of which something else reads or
 * is a model output), residual blocks (a convolution, Mish and the add of a shortcut, in either order; near misses: a
 * shortcut that broadcasts, a Mish something else reads too), Relu / Sigmoid / Identity / Tanh, AddV2 / Add / Mul,
 * BiasAdd and ConcatV2; weights stored as
 * float32 or quantized, cut into shards; with or without a signature. Every tensor is [1, 5, 5, C].
 *
 * Each recipe builds three models with the same names and weights: `original` (what a converter writes, the rewrite's
 * input), `runnable` (the same with TF Addons' Mish, which TF.js cannot run, as the softplus composite it equals on
 * TF.js's CPU backend), and `expected`: every true Mish as the package's `Mish` op, every near miss as it is. So the
 * generator, not the matcher, says what a correct rewrite fuses.
 */
import type { io } from '@tensorflow/tfjs-core';
import fc from 'fast-check';
import type { MishForm, WeightStorage } from '../../../common/models/graph-builder.js';

export type CompositeForm = Exclude<MishForm, 'addons'>;
type ConvKind = 'conv2d' | 'bias' | 'plain' | 'bias-relu';
type NearMiss = 'other-x' | 'add-2' | 'swish' | 'tanh-only' | 'shared' | 'intermediate-output';

type Step =
  | { op: 'conv'; src: number; channels: 4 | 8; kind: ConvKind; size: 1 | 3; storage: WeightStorage }
  | { op: 'mish'; src: number; form: MishForm; commuted: boolean }
  | { op: 'near-miss'; miss: NearMiss; src: number; other: number; form: CompositeForm; commuted: boolean; at: number }
  | { op: 'unary'; src: number; fn: 'Relu' | 'Sigmoid' | 'Identity' | 'Tanh' }
  | { op: 'binary'; a: number; b: number; fn: 'AddV2' | 'Add' | 'Mul' }
  | { op: 'bias-add'; src: number; storage: WeightStorage }
  | { op: 'concat'; a: number; b: number }
  | {
      op: 'residual';
      src: number;
      shortcut: number;
      kind: 'bias' | 'conv2d';
      size: 1 | 3;
      form: MishForm;
      shortcutFirst: boolean;
      miss: 'none' | 'broadcast' | 'shared';
      storage: WeightStorage;
    };

export interface Recipe {
  inputs: 1 | 2;
  steps: Step[];
  /** Pool indices of the outputs named by the signature (without one, TF.js takes the nodes nothing reads). */
  outputs: number[];
  signature: boolean;
  shards: number;
  /** How the scalar constants (the 1 of the log-add form, the 2 of its near miss) are stored. */
  scalarStorage: WeightStorage;
  seed: number;
}

/** The three models of a recipe, and what the generator knows of them. */
export interface BuiltRecipe {
  original: io.ModelArtifacts;
  runnable: io.ModelArtifacts;
  expected: io.ModelArtifacts;
  /** Mish the rewrite must fuse, and near misses it must leave: those the model's outputs read (the rest is removed). */
  mish: number;
  nearMisses: number;
  /** The most Mish on one path from an input to a tensor (each adds its difference from the composite on WebGPU). */
  mishDepth: number;
}

/** Spatial extent and input channels of every tensor. */
export const SIDE = 5;
export const INPUT_CHANNELS = 4;
/** Concatenations stop growing the channels here. */
export const MAX_CHANNELS = 16;

/** A tensor of the pool, counted back from the newest (0, which shrinking tends to): chains like conv → Mish → conv are common. */
const index = fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 3, arbitrary: fc.nat({ max: 63 }) });
const storage = fc.constantFrom<WeightStorage>('float32', 'float32', 'uint8', 'uint16', 'float16');
const compositeForm = fc.constantFrom<CompositeForm>('softplus', 'log1p', 'log-add');

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('conv' as const),
      src: index,
      channels: fc.constantFrom<4 | 8>(4, 8),
      kind: fc.constantFrom<ConvKind>('bias', 'bias', 'conv2d', 'plain', 'bias-relu'),
      size: fc.constantFrom<1 | 3>(1, 3),
      storage,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('mish' as const),
      src: index,
      form: fc.constantFrom<MishForm>('softplus', 'log1p', 'log-add', 'addons'),
      commuted: fc.boolean(),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('near-miss' as const),
      miss: fc.constantFrom<NearMiss>('other-x', 'add-2', 'swish', 'tanh-only', 'shared', 'intermediate-output'),
      src: index,
      other: index,
      form: compositeForm,
      commuted: fc.boolean(),
      at: fc.nat({ max: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('unary' as const),
      src: index,
      fn: fc.constantFrom('Relu' as const, 'Sigmoid' as const, 'Identity' as const, 'Tanh' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('binary' as const), a: index, b: index, fn: fc.constantFrom('AddV2' as const, 'Add' as const, 'Mul' as const) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('bias-add' as const), src: index, storage }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('concat' as const), a: index, b: index }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('residual' as const),
      src: index,
      shortcut: index,
      kind: fc.constantFrom<'bias' | 'conv2d'>('bias', 'bias', 'conv2d'),
      size: fc.constantFrom<1 | 3>(1, 3),
      form: fc.constantFrom<MishForm>('softplus', 'log1p', 'log-add', 'addons'),
      shortcutFirst: fc.boolean(),
      miss: fc.constantFrom<'none' | 'broadcast' | 'shared'>('none', 'none', 'broadcast', 'shared'),
      storage,
    }),
  },
);

export const recipes: fc.Arbitrary<Recipe> = fc.record({
  inputs: fc.constantFrom<1 | 2>(1, 2),
  steps: fc.array(step, { minLength: 1, maxLength: 12 }),
  outputs: fc.array(index, { minLength: 1, maxLength: 3 }),
  signature: fc.boolean(),
  shards: fc.integer({ min: 1, max: 4 }),
  scalarStorage: storage,
  seed: fc.nat({ max: 1_000_000 }),
});
