/** What the bench, the accuracy sweep, the demo and the test suite say about the WebGPU adapter they ran on. */

export interface AdapterDescription {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software adapter (SwiftShader and the like): shaders run on the CPU, every instruction costs time. */
  isFallbackAdapter: boolean;
  features: string[];
}

/** Runs in a browser (or Node with the webgpu package): the adapter's info and features. */
export function describeAdapter(adapter: GPUAdapter): AdapterDescription {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    device: info.device,
    description: info.description,
    isFallbackAdapter: info.isFallbackAdapter ?? false,
    features: [...adapter.features].sort(),
  };
}

/** One line naming the adapter, e.g. "google / swiftshader (SwiftShader Device (Subzero)), a software (fallback) adapter". */
export function adapterLine(a: AdapterDescription): string {
  // Firefox leaves adapter.info empty, for privacy.
  const named = a.vendor || a.architecture || a.description;
  return (
    (named ? `${a.vendor || '?'} / ${a.architecture || '?'}${a.description ? ` (${a.description})` : ''}` : 'unnamed (the browser leaves adapter.info empty)') +
    `${isSoftwareAdapter(a) ? ', a software (fallback) adapter' : ''}`
  );
}

/**
 * Whether the adapter runs shaders on the CPU: the browser says so (isFallbackAdapter), or it is one of the
 * known software rasterizers (Dawn in Node does not always set the flag for SwiftShader).
 */
export function isSoftwareAdapter(a: AdapterDescription): boolean {
  return a.isFallbackAdapter || /swiftshader|llvmpipe|lavapipe|microsoft basic render|warp/i.test(`${a.vendor} ${a.architecture} ${a.description}`);
}

/**
 * Whether the adapter is Mesa's llvmpipe (or lavapipe): named so, or a software adapter that names nothing, which is
 * wgpu's (Firefox leaves adapter.info empty; Chrome and Dawn always name SwiftShader).
 */
export function isLlvmpipe(a: AdapterDescription): boolean {
  const named = `${a.vendor} ${a.architecture} ${a.description}`;
  return /llvmpipe|lavapipe/i.test(named) || (a.isFallbackAdapter && named.trim() === '');
}
