/**
 * Page side: `webgpu-mish/typegpu` in TypeGPU shaders, against the package's kernels on the same inputs. The shaders
 * are WGSL templates resolved by TypeGPU (`tgpu.resolve`), their buffers TypeGPU's, passed to `mishForward` and
 * `mishBackward` unwrapped. Everything moves as bits (the buffers are `u32` arrays to TypeGPU, `f32` to the shaders).
 */
import type tgpuDefault from 'typegpu';
import type * as data from 'typegpu/data';
import type * as core from '../../../src/index.js';
import type * as entry from '../../../src/typegpu.js';
import collisionTemplate from '../shaders/typegpu-collision.wgsl?raw';
import parityTemplate from '../shaders/typegpu-parity.wgsl?raw';

export interface TypegpuLib {
  tgpu: typeof tgpuDefault;
  d: typeof data;
  core: Pick<typeof core, 'mishForward' | 'mishBackward'>;
  typegpu: typeof entry;
}

/** Bits of mish and mish′ from a TypeGPU shader and from the package's kernels, on the same inputs. */
export interface TypegpuParity {
  shader: { forward: number[]; backward: number[] };
  kernels: { forward: number[]; backward: number[] };
  /** The resolved WGSL, for the report. */
  code: string;
  errors: string[];
}

/** A shader of the user's whose own function and constant are named like the package's constants. */
export interface TypegpuCollision {
  mish: number[];
  kernel: number[];
  /** The user's MISH_FLOOR(x) + MISH_CLAMP, as f32 bits. */
  own: number[];
  code: string;
  errors: string[];
}

/** The templates' workgroup size. */
const WORKGROUP = 64;

export function createTypegpuHarness({ tgpu, d, core, typegpu }: TypegpuLib) {
  const rootPromise = tgpu.init();

  /** Runs `code` over the bits in `input`; returns the outputs' bits. */
  async function run(code: string, input: number[], outputs: number): Promise<{ results: number[][]; errors: string[] }> {
    const root = await rootPromise;
    const device = root.device;
    const schema = d.arrayOf(d.u32, input.length);
    const x = root.createBuffer(schema, input).$usage('storage');
    const ys = Array.from({ length: outputs }, () => root.createBuffer(schema).$usage('storage'));
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ code });
    const info = await module.getCompilationInfo();
    const pipeline = device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
    const bindGroup = device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [x, ...ys].map((buffer, binding) => ({ binding, resource: { buffer: root.unwrap(buffer) } })),
    });
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(input.length / WORKGROUP));
    pass.end();
    device.queue.submit([encoder.finish()]);
    const error = await device.popErrorScope();
    const errors = [...info.messages.filter((m) => m.type === 'error').map((m) => m.message), ...(error === null ? [] : [error.message])];
    const results = await Promise.all(ys.map((y) => y.read()));
    for (const buffer of [x, ...ys]) buffer.destroy();
    return { results, errors };
  }

  /** mishForward and mishBackward (dy = 1) on TypeGPU buffers, unwrapped: their bits. */
  async function kernels(input: number[]): Promise<{ forward: number[]; backward: number[] }> {
    const root = await rootPromise;
    const schema = d.arrayOf(d.u32, input.length);
    const x = root.createBuffer(schema, input).$usage('storage');
    const ones = root
      .createBuffer(
        schema,
        input.map(() => 0x3f800000),
      )
      .$usage('storage');
    const y = root.createBuffer(schema).$usage('storage');
    const dx = root.createBuffer(schema).$usage('storage');
    core.mishForward(root.device, { x: root.unwrap(x), y: root.unwrap(y) });
    core.mishBackward(root.device, { x: root.unwrap(x), dy: root.unwrap(ones), dx: root.unwrap(dx) });
    const [forward, backward] = await Promise.all([y.read(), dx.read()]);
    for (const buffer of [x, ones, y, dx]) buffer.destroy();
    return { forward, backward };
  }

  return {
    async parity(input: number[]): Promise<TypegpuParity> {
      const code = tgpu.resolve({
        template: parityTemplate,
        externals: { mish: typegpu.mish, mish_grad: typegpu.mishGrad },
      });
      const { results, errors } = await run(code, input, 2);
      return { shader: { forward: results[0] ?? [], backward: results[1] ?? [] }, kernels: await kernels(input), code, errors };
    },

    async collision(input: number[]): Promise<TypegpuCollision> {
      // The user's own function and constant, named as two of the package's constants are in shaders/mish.wgsl.
      const MISH_FLOOR = tgpu.fn([d.f32], d.f32)`(v: f32) -> f32 { return 2.0 * v; }`.$name('MISH_FLOOR');
      const MISH_CLAMP = tgpu.const(d.f32, 3).$name('MISH_CLAMP');
      const code = tgpu.resolve({
        template: collisionTemplate,
        externals: { mish: typegpu.mish, MISH_FLOOR, MISH_CLAMP },
      });
      const { results, errors } = await run(code, input, 2);
      return { mish: results[0] ?? [], own: results[1] ?? [], kernel: (await kernels(input)).forward, code, errors };
    },
  };
}

export type TypegpuHarness = ReturnType<typeof createTypegpuHarness>;
