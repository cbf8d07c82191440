/**
 * Starts what the browser suite, the bench and the demo test share: a Vite dev server on loopback (WebGPU needs
 * a secure context, which http://127.0.0.1 is) and headless Chrome with WebGPU enabled.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';

export const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * Flags for headless Chrome on Linux without a GPU: WebGPU is behind `--enable-unsafe-webgpu` there and runs on
 * SwiftShader. Developer features lift the 100 µs quantization of timestamp queries. The network flags stop
 * Chrome from calling home on machines without internet. `--no-sandbox` is needed only when running as root.
 */
export function chromeArgs(): string[] {
  const args = [
    '--enable-unsafe-webgpu',
    '--enable-webgpu-developer-features',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-sync',
    '--no-first-run',
  ];
  if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
  return args;
}

export async function launchChrome(options: LaunchOptions = {}): Promise<Browser> {
  // `.puppeteerrc.cjs` points puppeteer at a system Chrome/Chromium when one exists (CHROME_PATH overrides).
  return puppeteer.launch({
    headless: true,
    args: chromeArgs(),
    ...options,
    ...(process.env.CHROME_PATH ? { executablePath: process.env.CHROME_PATH } : {}),
  });
}

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
      include: [
        'chart.js',
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
