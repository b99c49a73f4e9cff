// Browser tests in real Chromium (Debian's /usr/bin/chromium; npm tools cannot download browsers
// here). Tests import the built bundle, dist/vz-graph.js, so they check what users load.
// `middleware` also serves test SSE streams (test/browser/sse-middleware.mjs) and React as one ES
// module (test/browser/react-bundle.mjs), for the framework embedding tests.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { sseMiddleware } from './test/browser/sse-middleware.mjs';
import { reactBundle } from './test/browser/react-bundle.mjs';

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: true,
  rootDir: '.',
  concurrency: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 30000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  middleware: [sseMiddleware, reactBundle],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
};
