/** Browser side: copies a GPU buffer into a new staging buffer, maps it and returns its contents as f32. */
export async function readBuffer(device: GPUDevice, buffer: GPUBuffer, label = 'webgpu-mish readback'): Promise<Float32Array> {
  const staging = device.createBuffer({ label, size: buffer.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = device.createCommandEncoder({ label });
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
  device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const values = new Float32Array(staging.getMappedRange().slice(0));
  staging.unmap();
  staging.destroy();
  return values;
}
