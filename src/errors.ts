/** The error a call on a lost device throws (after `device.lost` has resolved). */
export class DeviceLostError extends Error {
  override readonly name = 'DeviceLostError';
  /** `device.lost`'s reason: 'destroyed' or 'unknown'. */
  readonly reason: GPUDeviceLostReason;

  constructor(message: string, reason: GPUDeviceLostReason) {
    super(message);
    this.reason = reason;
  }
}
