/**
 * Two projects: fast pure tests (no bundle, no servers), and tests that run the built bundle,
 * servers and browsers — only those build dist/ first.
 */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
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
