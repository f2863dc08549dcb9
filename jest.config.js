/** Two projects: fast pure tests, and tests that run the built bundle / browsers / servers. */
const transform = { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] };
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  projects: [
    { displayName: 'unit', testEnvironment: 'node', roots: ['<rootDir>/test/unit'], transform },
    {
      displayName: 'runtime',
      testEnvironment: 'node',
      roots: ['<rootDir>/test/runtime'],
      transform,
      testTimeout: 60000,
    },
  ],
};
