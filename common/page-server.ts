/**
 * The Vite dev server that the browser suite, the bench, the accuracy sweep and the fuzz serve their pages from,
 * on loopback (WebGPU needs a secure context, which http://127.0.0.1 is), and the repository's root.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface PageServer {
  readonly url: string;
  close(): Promise<void>;
}

/** A Vite dev server for the repository on a free loopback port. */
export async function startPageServer(config: InlineConfig = {}): Promise<PageServer> {
  const server: ViteDevServer = await createServer({
    configFile: false,
    root: repoRoot,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    // Pre-bundle the pages' npm dependencies at start-up: discovering them on first request makes the dev server
    // reload the page, which would cut a test or a bench run short.
    optimizeDeps: {
      // The repository's own pages; not test/package/fixture, a user's project that imports the installed package.
      entries: ['bench/index.html', 'accuracy/index.html', 'demo/index.html', 'test/browser/*.html', 'test/harness/**/*.html', 'test/harness/worker/worker.ts'],
      include: [
        'chart.js',
        'typegpu',
        'typegpu/data',
        '@tensorflow/tfjs-core',
        '@tensorflow/tfjs-backend-cpu',
        '@tensorflow/tfjs-backend-webgpu',
        '@tensorflow/tfjs-layers',
        'mnist',
      ],
    },
    ...config,
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (address === null || address === undefined || typeof address === 'string') {
    await server.close();
    throw new Error('startPageServer: the Vite server has no TCP address');
  }
  return { url: `http://127.0.0.1:${address.port}`, close: () => server.close() };
}
