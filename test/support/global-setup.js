// Builds dist/ and dist-bigquery/ once before the runtime tests, so `npx jest` works on its own
// too, and the test files running in parallel read bundles that are already there.
module.exports = async function globalSetup() {
  const { build } = require('../../dev/build');
  await build();
  await build({ variant: 'bigquery' });
};
