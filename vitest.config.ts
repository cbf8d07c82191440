import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

/**
 * The browser suite, once per engine: Chrome (Dawn and Tint, on SwiftShader without a GPU) and Firefox (wgpu and
 * naga, on Mesa's llvmpipe). test/browser/global-setup.ts starts the browser the project's name gives. The two run
 * one after the other, after the Node projects: each keeps one browser busy on a software adapter.
 */
function browserProject(label: 'Chrome' | 'Firefox', groupOrder: number): TestProjectInlineConfiguration {
  return {
    test: {
      name: `browser (${label})`,
      include: ['test/browser/**/*.test.ts'],
      globalSetup: ['test/browser/global-setup.ts'],
      // One headless browser runs every kernel on a software adapter: one file at a time, generous timeouts.
      fileParallelism: false,
      testTimeout: 300_000,
      hookTimeout: 120_000,
      sequence: { groupOrder },
    },
  };
}

export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'node',
          include: ['test/node/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'node-gpu',
          include: ['test/node-gpu/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'deno',
          include: ['test/deno/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          sequence: { groupOrder: 0 },
        },
      },
      browserProject('Chrome', 1),
      browserProject('Firefox', 2),
      {
        // npm pack, installed into a fresh project, run in both browsers, Node and Deno: after the browser suites.
        test: {
          name: 'package',
          include: ['test/package/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          sequence: { groupOrder: 3 },
        },
      },
    ],
  },
});
