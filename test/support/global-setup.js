// Builds dist/ once before the runtime tests, so `npx jest` works on its own too.
module.exports = async function globalSetup() {
  const { build } = await import('../../dev/build.mjs');
  await build();
};
