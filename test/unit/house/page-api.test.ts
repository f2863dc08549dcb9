/**
 * The pages' server calls are exactly the two page APIs of the application layer: nothing a page
 * never calls is offered to google.script.run as a page function, and every call a page makes
 * has its function there (the pages are typed against these modules, so a rename breaks the build).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as PlansApi from '../../../src/app/plans-api';
import * as SidebarApi from '../../../src/app/sidebar-api';

const CLIENT = join(__dirname, '../../../src/client');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.tsx?$/.test(name) ? [readFileSync(full, 'utf8')] : [];
  });
}

test('the page APIs offer exactly the functions the pages call', () => {
  const called = new Set(
    sources(CLIENT).flatMap((s) => [...s.matchAll(/\bserver\.(\w+)\(/g)].map((m) => m[1])),
  );
  const offered = new Set(
    Object.entries({ ...SidebarApi, ...PlansApi })
      .filter(([, v]) => typeof v === 'function')
      .map(([k]) => k),
  );
  expect([...offered].sort()).toEqual([...called].sort());
});
