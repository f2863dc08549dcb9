/**
 * `npm run emulator:amocrm -- --seed N --size tiny|small|medium|large [--managers M] [--port P] [--now ISO] [--extra-pipelines PxS] [--messy RATE]`
 *   [--retry-after S] [--429-body json|html|text] [--429-header none|seconds|date]  the rate limit's 429
 *   or `--fixture DIR` to serve a fixed account from JSON files (e.g. samples/rating)
 * Generates an account and serves amoCRM API v4 on 127.0.0.1. Prints the base URL and the
 * long-lived token; the control API is under /_emulator/.
 */
import { loadFixture } from './fixture';
import { generateAccount, SIZES, type SizeName } from './generator';
import { AmoEmulator } from './server';
import { checkRetryAfter, isThrottleBody, isThrottleHeader } from './throttle';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** `--extra-pipelines 4x10`: four more pipelines with ten open stages each */
function extraPipelines(): { count: number; stages: number } | undefined {
  const m = /^(\d+)x(\d+)$/.exec(arg('extra-pipelines') ?? '');
  return m ? { count: Number(m[1]), stages: Number(m[2]) } : undefined;
}

async function main(): Promise<void> {
  const seed = Number(arg('seed') ?? 1);
  const sizeArg = arg('size') ?? 'small';
  const leads = arg('leads');
  const size = leads
    ? { managers: Math.max(3, Math.round(Number(leads) / 1500)), leads: Number(leads) }
    : (sizeArg as SizeName);
  if (!leads && !(sizeArg in SIZES)) {
    console.error(`--size must be one of ${Object.keys(SIZES).join(', ')} (or give --leads N)`);
    process.exit(2);
  }
  const t0 = Date.now();
  const fixture = arg('fixture');
  const managers = arg('managers');
  const sized =
    managers && typeof size === 'string'
      ? { managers: Number(managers), leads: SIZES[size].leads }
      : size;
  const state = fixture
    ? loadFixture(
        fixture,
        Math.floor(new Date(arg('now') ?? '2026-03-16T06:00:00Z').getTime() / 1000),
      )
    : generateAccount({
        seed,
        size: sized,
        now: arg('now'),
        extraPipelines: extraPipelines(),
        // the odd records of real accounts, e.g. --messy 0.01 (dev/amocrm/messy.ts)
        messy: arg('messy') ? Number(arg('messy')) : undefined,
      });
  const body = arg('429-body');
  const header = arg('429-header');
  if (body !== undefined && !isThrottleBody(body)) throw new Error(`--429-body: unknown ${body}`);
  if (header !== undefined && !isThrottleHeader(header))
    throw new Error(`--429-header: unknown ${header}`);
  const retryAfter = arg('retry-after');
  const emulator = new AmoEmulator(state, {
    rateLimit: arg('rate-limit') ? Number(arg('rate-limit')) : undefined,
    blockAfterViolations: arg('block-after') ? Number(arg('block-after')) : undefined,
    throttle: {
      ...(retryAfter !== undefined ? { retryAfter: checkRetryAfter(retryAfter) } : {}),
      ...(body !== undefined ? { body } : {}),
      ...(header !== undefined ? { header } : {}),
    },
  });
  const url = await emulator.listen(Number(arg('port') ?? 0));
  const port = new URL(url).port;
  console.log(`amoCRM emulator for https://${state.account.subdomain}.amocrm.ru at ${url}`);
  console.log(
    `  account "${state.account.name}", ${state.users.length} users, ${state.leads.size} leads, ${state.events.length} events, ${state.tasks.size} tasks (seed ${seed}, generated in ${Date.now() - t0} ms)`,
  );
  console.log(`  now: ${new Date(state.now * 1000).toISOString()}`);
  console.log(`  long-lived token: ${emulator.longLivedToken}`);
  console.log(
    `  OAuth client: ${emulator.oauth.clientId} / ${emulator.oauth.clientSecret}, redirect ${emulator.oauth.redirectUri}`,
  );
  console.log(
    `  try: curl -H "Authorization: Bearer ${emulator.longLivedToken}" "${url}/api/v4/account?with=datetime_settings"`,
  );
  console.log(`TOKEN ${emulator.longLivedToken}`);
  console.log(`PORT ${port}`);
  const stop = () => emulator.close().then(() => process.exit(0));
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
