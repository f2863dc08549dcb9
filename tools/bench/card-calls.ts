/**
 * Service calls of a refresh with and without «Карточка менеджера»: the sample account refreshed
 * twice by two bundles — this one (dist/) and one built from a commit before the card. Usage:
 * `npx tsx tools/bench/card-calls.ts <dist folder of the bundle without the card>`.
 */
import { FakeClock, GasRuntime } from '../../dev/gas';
import { startFixtureEmulator, NOW } from '../../test/support/fixture-account';

async function measure(distDir: string | undefined): Promise<Array<Record<string, number>>> {
  const amo = await startFixtureEmulator();
  const rt = new GasRuntime({
    clock: new FakeClock(NOW),
    routes: [{ host: /\.amocrm\.ru$/, target: amo.url, forwardClock: true }],
    ...(distDir ? { distDir } : {}),
  });
  const r = rt.run('connectAmoWithToken', ['demo', amo.token], 'client') as {
    ok: boolean;
    message: string;
  };
  if (!r.ok) throw new Error(r.message);
  rt.open();
  const out: Array<Record<string, number>> = [];
  for (let i = 0; i < 2; i++) {
    const before = rt.callCounts();
    rt.clock.advance?.(3600_000);
    rt.clickMenu('Рейтинг менеджеров', 'Обновить сейчас');
    const after = rt.callCounts();
    out.push(
      Object.fromEntries(
        Object.entries(after)
          .map(([k, v]): [string, number] => [k, v - (before[k] ?? 0)])
          .filter(([, v]) => v > 0),
      ),
    );
  }
  await rt.close();
  await amo.stop();
  return out;
}

async function main() {
  const baseDir = process.argv[2];
  if (!baseDir)
    throw new Error('usage: tools/bench/card-calls.ts <dist folder of a bundle without the card>');
  const base = await measure(baseDir);
  const mine = await measure(undefined);
  const sum = (o: Record<string, number>) => Object.values(o).reduce((s, v) => s + v, 0);
  for (const i of [0, 1]) {
    const a = base[i]!;
    const b = mine[i]!;
    const diff = Object.fromEntries(
      [...new Set([...Object.keys(a), ...Object.keys(b)])]
        .map((k) => [k, (b[k] ?? 0) - (a[k] ?? 0)] as const)
        .filter(([, v]) => v !== 0),
    );
    console.log(
      `refresh ${i + 1}: without the card ${sum(a)}, with ${sum(b)} (+${sum(b) - sum(a)}): ${JSON.stringify(diff)}`,
    );
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
