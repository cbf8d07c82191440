// The page `npm run accuracy` and the accuracy test drive.
import { runSweep, type SweepOptions, type SweepProgress, type SweepReport } from './sweep.js';

declare global {
  interface Window {
    runSweepFromNode?: (options: Omit<SweepOptions, 'onProgress'>) => Promise<SweepReport>;
    /** Installed by the CLI with page.exposeFunction. */
    reportSweepProgress?: (progress: SweepProgress) => Promise<void>;
  }
}

window.runSweepFromNode = (options) => runSweep({ ...options, onProgress: (progress) => void window.reportSweepProgress?.(progress) });
