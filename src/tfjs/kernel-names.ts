/** The names of the fused kernels as TF.js lists them (`tf.profile(...).kernelNames`, `tf.getKernel`). */

/** y = mish(x), the fused forward kernel. */
export const MISH_KERNEL = 'Mish';
/** dx = dy·mish'(x), the fused backward kernel: the gradient of `Mish`. */
export const MISH_GRAD_KERNEL = 'MishGrad';

/** mish(conv2d(x, filter) + bias), TF.js's convolution with Mish in its epilogue (WebGPU, inference). */
export const CONV_MISH_KERNEL = 'FusedConv2DMish';
/** mish(conv2d(x, filter) + bias) + shortcut, the same with a residual block's add in the epilogue too. */
export const CONV_MISH_ADD_KERNEL = 'FusedConv2DMishAdd';
