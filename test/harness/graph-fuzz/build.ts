/**
 * Builds the three models of a recipe (recipe.ts): `original`, `runnable` and `expected`, with the same names and
 * weights, and what the generator knows of them (the Mish a correct rewrite fuses, the near misses it leaves).
 */
import { GraphBuilder } from '../../../common/models/graph-builder.js';
import { normals } from '../../../common/models/normals.js';
import { MISH_FORM_ATTR, MISH_OP } from '../../../src/testing.js';
import { liveNodes } from './invariants.js';
import type { MishForm } from '../../../common/models/graph-builder.js';
import { type BuiltRecipe, type CompositeForm, INPUT_CHANNELS, MAX_CHANNELS, type Recipe, SIDE } from './recipe.js';

/** The intermediates of a composite form, from x to the Tanh, by the names GraphBuilder gives them. */
function intermediates(name: string, form: CompositeForm): string[] {
  const chain = { softplus: ['softplus'], log1p: ['exp', 'log1p'], 'log-add': ['exp', 'add', 'log'] }[form];
  return [...chain, 'tanh'].map((part) => `${name}/${part}`);
}

interface Tensor {
  name: string;
  channels: number;
  /** Mish on the deepest path from an input to it. */
  depth: number;
}

/**
 * Builds the three models of `recipe`. What the rewrite must fuse depends on what the outputs read (a near miss whose
 * second reader nothing reads is Mish after all: that reader goes first), so the original is built once to find out.
 */
export function buildRecipe(recipe: Recipe): BuiltRecipe {
  return build(recipe, liveNodes(build(recipe, null).original));
}

function build(recipe: Recipe, live: ReadonlySet<string> | null): BuiltRecipe {
  const graphs = {
    original: new GraphBuilder(recipe.scalarStorage),
    runnable: new GraphBuilder(recipe.scalarStorage),
    expected: new GraphBuilder(recipe.scalarStorage),
  };
  const all = Object.values(graphs);
  const pool: Tensor[] = [];
  const inputs: string[] = [];
  const extraOutputs: string[] = [];
  const mishSites: string[] = [];
  const nearMissSites: string[] = [];
  for (let k = 0; k < recipe.inputs; k++) {
    const name = `x${k}`;
    for (const g of all) g.input(name, [1, SIDE, SIDE, INPUT_CHANNELS]);
    pool.push({ name, channels: INPUT_CHANNELS, depth: 0 });
    inputs.push(name);
  }
  const pick = (i: number): Tensor => pool[pool.length - 1 - (i % pool.length)] as Tensor;
  /** The tensor at `i`, or the first one of `channels` channels after it (else `fallback`): operands of one shape. */
  const like = (i: number, channels: number, fallback: Tensor): Tensor => {
    for (let k = 0; k < pool.length; k++) {
      const t = pick(i + k);
      if (t.channels === channels) return t;
    }
    return fallback;
  };
  const mishOp = (g: GraphBuilder, name: string, x: string, form: MishForm) => g.op(name, MISH_OP, [x], { [MISH_FORM_ATTR]: { s: btoa(form) } });

  recipe.steps.forEach((s, k) => {
    const name = `s${k}`;
    const seed = recipe.seed * 64 + k;
    switch (s.op) {
      case 'conv': {
        const x = pick(s.src);
        const shape: [number, number, number, number] = [s.size, s.size, x.channels, s.channels];
        const fanIn = s.size * s.size * x.channels;
        const filter = normals(
          shape.reduce((a, b) => a * b, 1),
          seed,
          1 / Math.sqrt(fanIn),
        );
        const bias = normals(s.channels, seed + 1, 0.2);
        for (const g of all) {
          const w = g.constant(`${name}/filter`, filter, shape, s.storage);
          const geometry = {
            strides: { list: { i: ['1', '1', '1', '1'] } },
            padding: { s: btoa('SAME') },
            data_format: { s: btoa('NHWC') },
            dilations: { list: { i: ['1', '1', '1', '1'] } },
          };
          if (s.kind === 'conv2d' || s.kind === 'plain') {
            if (s.kind === 'plain') g.op(name, '_FusedConv2D', [x.name, w], { ...geometry, fused_ops: { list: { s: [] } }, num_args: { i: '0' } });
            else g.op(name, 'Conv2D', [x.name, w], geometry);
          } else {
            const b = g.constant(`${name}/bias`, bias, [s.channels], s.storage);
            const ops = s.kind === 'bias' ? ['BiasAdd'] : ['BiasAdd', 'Relu'];
            g.op(name, '_FusedConv2D', [x.name, w, b], {
              ...geometry,
              fused_ops: { list: { s: ops.map((op) => btoa(op)) } },
              num_args: { i: '1' },
              epsilon: { f: 0 },
            });
          }
        }
        pool.push({ name, channels: s.channels, depth: x.depth });
        return;
      }
      case 'mish': {
        const x = pick(s.src);
        mishSites.push(name);
        if (s.form === 'addons') {
          graphs.original.op(name, 'Addons>Mish', [x.name]);
          graphs.runnable.mish(name, x.name, 'softplus');
        } else {
          graphs.original.mish(name, x.name, s.form, s.commuted);
          graphs.runnable.mish(name, x.name, s.form, s.commuted);
        }
        mishOp(graphs.expected, name, x.name, s.form);
        pool.push({ name, channels: x.channels, depth: x.depth + 1 });
        return;
      }
      case 'near-miss': {
        const x = pick(s.src);
        // Where the near miss turns out to be Mish after all (the look-alike's y is x; an intermediate an output of a
        // model without a signature, which has none), it is one: the expected model says so.
        const y = like(s.other, x.channels, x);
        const isMish =
          (s.miss === 'other-x' && y.name === x.name) ||
          (s.miss === 'intermediate-output' && !recipe.signature) ||
          (s.miss === 'shared' && live !== null && !live.has(`${name}/reader`));
        (isMish ? mishSites : nearMissSites).push(name);
        for (const g of all) {
          if (isMish && g === graphs.expected) {
            mishOp(g, name, x.name, s.form);
            continue;
          }
          const mul = (other: string) => g.op(name, 'Mul', s.commuted ? [other, x.name] : [x.name, other]);
          if (s.miss === 'swish') mul(g.op(`${name}/sigmoid`, 'Sigmoid', [x.name]));
          else if (s.miss === 'tanh-only') mul(g.op(`${name}/tanh`, 'Tanh', [x.name]));
          else if (s.miss === 'add-2') {
            const two = g.constant(`${name}/two`, new Float32Array([2]), [], recipe.scalarStorage);
            mul(g.op(`${name}/tanh`, 'Tanh', [g.softplus(name, x.name, 'log-add', s.commuted, two)]));
          } else mul(g.op(`${name}/tanh`, 'Tanh', [g.softplus(name, s.miss === 'other-x' ? y.name : x.name, s.form, s.commuted)]));
        }
        const depth = Math.max(x.depth, s.miss === 'other-x' ? y.depth : 0);
        pool.push({ name, channels: x.channels, depth: isMish ? depth + 1 : depth });
        const chain = intermediates(name, s.form);
        const intermediate = chain[s.at % chain.length] as string;
        if (s.miss === 'shared') {
          for (const g of all) g.op(`${name}/reader`, 'Identity', [isMish && g === graphs.expected ? x.name : intermediate]);
          pool.push({ name: `${name}/reader`, channels: x.channels, depth: x.depth });
        }
        if (s.miss === 'intermediate-output' && recipe.signature) extraOutputs.push(intermediate);
        return;
      }
      case 'unary': {
        const x = pick(s.src);
        for (const g of all) g.op(name, s.fn, [x.name]);
        pool.push({ name, channels: x.channels, depth: x.depth });
        return;
      }
      case 'binary': {
        const a = pick(s.a);
        const b = like(s.b, a.channels, a);
        // A product reads tanh(b), so that values stay in range however many products follow.
        for (const g of all) g.op(name, s.fn, [a.name, s.fn === 'Mul' ? g.op(`${name}/bound`, 'Tanh', [b.name]) : b.name]);
        pool.push({ name, channels: a.channels, depth: Math.max(a.depth, b.depth) });
        return;
      }
      case 'bias-add': {
        const x = pick(s.src);
        const bias = normals(x.channels, seed, 0.5);
        for (const g of all) g.op(name, 'BiasAdd', [x.name, g.constant(`${name}/bias`, bias, [x.channels], s.storage)], { data_format: { s: btoa('NHWC') } });
        pool.push({ name, channels: x.channels, depth: x.depth });
        return;
      }
      case 'residual': {
        const x = pick(s.src);
        const shortcut = pick(s.shortcut);
        const channels = shortcut.channels;
        const shape: [number, number, number, number] = [s.size, s.size, x.channels, channels];
        const filter = normals(
          shape.reduce((a, b) => a * b, 1),
          seed,
          1 / Math.sqrt(s.size * s.size * x.channels),
        );
        const bias = normals(channels, seed + 1, 0.2);
        mishSites.push(`${name}/mish`);
        for (const g of all) {
          const w = g.constant(`${name}/filter`, filter, shape, s.storage);
          const geometry = {
            strides: { list: { i: ['1', '1', '1', '1'] } },
            padding: { s: btoa('SAME') },
            data_format: { s: btoa('NHWC') },
            dilations: { list: { i: ['1', '1', '1', '1'] } },
          };
          const conv =
            s.kind === 'conv2d'
              ? g.op(`${name}/conv`, 'Conv2D', [x.name, w], geometry)
              : g.op(`${name}/conv`, '_FusedConv2D', [x.name, w, g.constant(`${name}/bias`, bias, [channels], s.storage)], {
                  ...geometry,
                  fused_ops: { list: { s: [btoa('BiasAdd')] } },
                  num_args: { i: '1' },
                  epsilon: { f: 0 },
                });
          let m: string;
          if (g === graphs.expected) m = mishOp(g, `${name}/mish`, conv, s.form);
          else if (s.form === 'addons' && g === graphs.runnable) m = g.mish(`${name}/mish`, conv, 'softplus');
          else m = g.mish(`${name}/mish`, conv, s.form);
          const other = s.miss === 'broadcast' ? g.constant(`${name}/shortcut`, normals(channels, seed + 2, 1), [channels], s.storage) : shortcut.name;
          g.op(name, 'AddV2', s.shortcutFirst ? [other, m] : [m, other]);
          if (s.miss === 'shared') g.op(`${name}/reader`, 'Identity', [m]);
        }
        pool.push({ name, channels, depth: Math.max(x.depth + 1, shortcut.depth) });
        if (s.miss === 'shared') pool.push({ name: `${name}/reader`, channels, depth: x.depth + 1 });
        return;
      }
      case 'concat': {
        const a = pick(s.a);
        const b = pick(s.b);
        if (a.channels + b.channels > MAX_CHANNELS) return;
        for (const g of all) g.concat(name, [a.name, b.name]);
        pool.push({ name, channels: a.channels + b.channels, depth: Math.max(a.depth, b.depth) });
        return;
      }
    }
  });
  const outputs = [...new Set([...recipe.outputs.map((i) => pick(i).name), ...extraOutputs])];
  const options = { signature: recipe.signature, shards: recipe.shards };
  const original = graphs.original.artifacts(inputs, outputs, options);
  const counted = (sites: string[]) => sites.filter((name) => live?.has(name) ?? true).length;
  return {
    original,
    runnable: graphs.runnable.artifacts(inputs, outputs, options),
    expected: graphs.expected.artifacts(inputs, outputs, options),
    mish: counted(mishSites),
    nearMisses: counted(nearMissSites),
    mishDepth: Math.max(...pool.map((t) => t.depth)),
  };
}
