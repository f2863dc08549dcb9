/**
 * Two projects: fast pure tests (no bundle, no servers), and tests that run the built bundle,
 * servers and browsers — only those build dist/ first.
 */
const { availableParallelism } = require('node:os');

const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
  // A runtime test file keeps about one core busy between its own process and the emulator it
  // waits on (a sync UrlFetch blocks the script while the emulator answers), so one file per core,
  // not jest's default of one fewer (which on two cores runs every file in band). The files are
  // independent: each starts its emulators on free ports and writes its own temp dirs and pictures.
  maxWorkers: Math.max(2, availableParallelism()),
  // the longest files first, so the workers finish together (a fresh clone has no timings)
  testSequencer: '<rootDir>/test/support/longest-first.js',
  // per test; the runtime tests start servers and browsers (a project-level value is not read)
  testTimeout: 60000,
  projects: [
    { displayName: 'unit', testEnvironment: 'node', roots: ['<rootDir>/test/unit'], transform },
    {
      displayName: 'runtime',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/runtime'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      transform,
    },
  ],
};
