// Builds dist/ once before the runtime tests, so `npx jest` works on its own too.
module.exports = async function globalSetup() {
  const { build } = require('../../dev/build');
  await build();
};
