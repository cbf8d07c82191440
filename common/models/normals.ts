/**
 * Seeded normal values (Box–Muller on a linear congruential generator): the weights and inputs of the models the
 * tests, the bench and the demo build, the same on every runtime.
 */
export function normals(count: number, seed: number, scale: number): Float32Array {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  const values = new Float32Array(count);
  for (let i = 0; i < count; i++) values[i] = scale * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  return values;
}
