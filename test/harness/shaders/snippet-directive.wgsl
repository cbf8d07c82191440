// A directive, as a user's shader may begin (test/browser/wgsl-snippet.test.ts): WGSL wants it before every
// declaration, so before mishWgsl.
diagnostic(off, derivative_uniformity);
