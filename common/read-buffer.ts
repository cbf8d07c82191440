/**
 * Browser side: copies GPU buffers into new staging buffers, maps them and returns their contents as f32. Several
 * buffers go in one submit and are mapped together: a readback waits for the queue, which some browsers (Firefox)
 * only notice on a coarse tick.
 */
export async function readBuffers(device: GPUDevice, buffers: readonly GPUBuffer[], label = 'webgpu-mish readback'): Promise<Float32Array[]> {
  const encoder = device.createCommandEncoder({ label });
  const stagings = buffers.map((buffer) => {
    const staging = device.createBuffer({ label, size: buffer.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
    return staging;
  });
  device.queue.submit([encoder.finish()]);
  await Promise.all(stagings.map((staging) => staging.mapAsync(GPUMapMode.READ)));
  return stagings.map((staging) => {
    const values = new Float32Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    return values;
  });
}

/** One buffer's contents as f32 (readBuffers for one). */
export async function readBuffer(device: GPUDevice, buffer: GPUBuffer, label = 'webgpu-mish readback'): Promise<Float32Array> {
  return (await readBuffers(device, [buffer], label))[0] as Float32Array;
}
