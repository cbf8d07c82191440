// The part of the `mnist` package (CommonJS, no types of its own) that demo/mnist.ts uses: one entry per digit 0–9.
declare module 'mnist' {
  interface Digit {
    /** Samples of this digit. */
    length: number;
    /** Sample `which` (0 ≤ which < length) as 784 values in [0, 1], row by row. */
    get(which: number): number[];
  }
  const digits: Record<number, Digit>;
  export default digits;
}
