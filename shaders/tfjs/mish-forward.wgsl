// Mish forward as a TensorFlow.js WebGPU program: the `Mish` kernel of `webgpu-mish/tfjs`.
//
// TF.js's WebGPU backend wraps this source (src/tfjs/programs.ts passes it as the program's user code): it declares
// the buffers of the output and of the input `X`, the uniform `uniforms.size` (elements of the output), the
// accessors getXByOutputIndex (which reads X as f32 whatever its storage: TF.js keeps a cast from int32 in the
// int32 buffer) and setOutputAtIndex, and the entry point, which calls main(index) once per invocation with the flat
// element index (folded into a 2-D grid by TF.js past 65 535 workgroups). The wrapper prepends shaders/mish.wgsl,
// so the op inside TF.js is the package's own mish(): the same bounds and special values as mishForward.
fn main(index: i32) {
  if (index < uniforms.size) {
    setOutputAtIndex(index, mish(getXByOutputIndex(index)));
  }
}
