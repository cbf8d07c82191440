// Puppeteer downloads its own Chrome on install unless told otherwise. Machines without internet access (CI
// here) cannot download it, and machines with a system Chrome or Chromium do not need it, so use the system
// browser when one exists. CHROME_PATH overrides the search.
const { existsSync } = require('node:fs');

const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
].filter(Boolean);

const systemChrome = candidates.find((path) => existsSync(path));

module.exports = systemChrome ? { skipDownload: true, executablePath: systemChrome } : {};
