/**
 * Reads a constant out of WGSL source, so that a threshold the TypeScript also needs (the clamps of Mish, say) is
 * written once, in its shader.
 */

/** The value of `const NAME: f32 = value;` (or i32, u32) in `source`. Throws when it is not there. */
export function wgslConstant(source: string, name: string): number {
  const match = new RegExp(`\\bconst\\s+${name}\\s*:\\s*[fiu]32\\s*=\\s*([-+0-9.eEx]+)[fiu]?\\s*;`).exec(source);
  if (match?.[1] === undefined) throw new Error(`webgpu-mish: no "const ${name}" in the WGSL source`);
  return Number(match[1]);
}
