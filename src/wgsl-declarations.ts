/**
 * Reads the declarations of a paste-able WGSL source (shaders/mish.wgsl): its scalar constants and one function's
 * text, so that another form of the same code (the TypeGPU functions) is built from the file, not written twice.
 */

/** A `const NAME: f32 = value;` (or i32, u32) of a WGSL source. */
export interface WgslConstant {
  readonly name: string;
  readonly type: 'f32' | 'i32' | 'u32';
  readonly value: number;
}

const CONSTANT = /^const\s+(\w+)\s*:\s*([fiu]32)\s*=\s*([-+0-9.eExXa-fA-F]+?)[fiu]?\s*;/gm;

/** Every module-scope scalar constant of `source`, in order. */
export function wgslConstants(source: string): WgslConstant[] {
  return [...source.matchAll(CONSTANT)].map(([, name, type, literal]) => {
    const value = Number(literal);
    if (!Number.isFinite(value)) throw new Error(`webgpu-mish: const ${name} has a value this reader does not parse (${literal})`);
    return { name: name as string, type: type as WgslConstant['type'], value };
  });
}

/**
 * The text of `fn name` after its name: `(parameters) -> type { body }`, as a function shell of TypeGPU takes it.
 * Throws when the source has no such function.
 */
export function wgslFunctionAfterName(source: string, name: string): string {
  const header = new RegExp(`^fn\\s+${name}\\s*\\(`, 'm').exec(source);
  if (header === null) throw new Error(`webgpu-mish: no "fn ${name}" in the WGSL source`);
  const start = header.index + header[0].length - 1;
  const open = source.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < source.length; i++) {
    if (source[i] === '{') depth++;
    else if (source[i] === '}' && --depth === 0) return source.slice(start, i + 1);
  }
  throw new Error(`webgpu-mish: fn ${name} is not closed in the WGSL source`);
}
