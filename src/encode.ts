/** Records a planned call: one compute pass into the caller's encoder, or into a new one that is submitted now. */
import type { Plan } from './device-state.js';
import type { ValidatedCall } from './validate.js';

export function encodeCall(call: ValidatedCall, plan: Plan): void {
  const { device, encoder, timestampWrites } = call;
  const commands = encoder ?? device.createCommandEncoder({ label: plan.label });
  const pass = commands.beginComputePass(timestampWrites ? { label: plan.label, timestampWrites } : { label: plan.label });
  for (const dispatch of plan.dispatches) {
    pass.setPipeline(dispatch.pipeline);
    pass.setBindGroup(0, dispatch.bindGroup);
    pass.dispatchWorkgroups(dispatch.groupsX, dispatch.groupsY);
  }
  pass.end();
  if (encoder === undefined) call.state.queue.submit([commands.finish({ label: plan.label })]);
}
