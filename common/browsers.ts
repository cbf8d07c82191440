/**
 * The one launcher of the browsers that the suite, the bench, the accuracy sweep and the fuzz run in: headless
 * Chrome (Dawn, Tint; SwiftShader without a GPU) or headless Firefox (wgpu, naga; Mesa's llvmpipe without a GPU),
 * both driven by Puppeteer. The suite runs one per Vitest project; the CLIs take --browser (Chrome by default).
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer';

export const BROWSERS = ['chrome', 'firefox'] as const;
export type BrowserName = (typeof BROWSERS)[number];

/** The browser's name as people read it in test names and reports. */
export const BROWSER_LABELS: Record<BrowserName, string> = { chrome: 'Chrome', firefox: 'Firefox' };

export function isBrowserName(name: string | undefined): name is BrowserName {
  return (BROWSERS as readonly (string | undefined)[]).includes(name);
}

/**
 * Flags for headless Chrome on Linux without a GPU: WebGPU is behind `--enable-unsafe-webgpu` there and runs on
 * SwiftShader. Developer features lift the 100 µs quantization of timestamp queries. The network flags stop
 * Chrome from calling home on machines without internet. `--no-sandbox` is needed only when running as root.
 */
function chromeArgs(): string[] {
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

/**
 * Firefox's WebGPU is behind a pref on Linux, and its blocklist refuses software drivers such as llvmpipe. The
 * other prefs keep a headless run from calling home on machines without internet.
 */
const FIREFOX_PREFS: Record<string, unknown> = {
  'dom.webgpu.enabled': true,
  'gfx.webgpu.ignore-blocklist': true,
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
};

const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox', '/Applications/Firefox.app/Contents/MacOS/firefox'];

/** Where Firefox is: FIREFOX_PATH, or a system install; undefined lets Puppeteer use one it downloaded. */
function firefoxPath(): string | undefined {
  return [process.env.FIREFOX_PATH, ...FIREFOX_CANDIDATES].find((path): path is string => path !== undefined && existsSync(path));
}

export async function launchBrowser(name: BrowserName, options: LaunchOptions = {}): Promise<Browser> {
  if (name === 'firefox') {
    const executablePath = firefoxPath();
    return puppeteer.launch({
      browser: 'firefox',
      headless: true,
      extraPrefsFirefox: FIREFOX_PREFS,
      ...options,
      ...(executablePath === undefined ? {} : { executablePath }),
    });
  }
  // `.puppeteerrc.cjs` points puppeteer at a system Chrome/Chromium when one exists (CHROME_PATH overrides).
  return puppeteer.launch({
    headless: true,
    args: chromeArgs(),
    ...options,
    ...(process.env.CHROME_PATH ? { executablePath: process.env.CHROME_PATH } : {}),
  });
}
