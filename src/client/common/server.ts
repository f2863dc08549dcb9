/**
 * The server functions as typed promises. The types come from the two page APIs of the
 * application layer (src/app/sidebar-api.ts, src/app/plans-api.ts), so renaming or changing a
 * server function breaks the page's build, not production, and a page cannot call a trigger. gas-client turns google.script.run into promises; its catch-all index
 * signature is dropped here, so an unknown name is a type error too.
 */
import { GASClient } from 'gas-client';
import type * as PlansApi from '../../app/plans-api';
import type * as SidebarApi from '../../app/sidebar-api';

type Entry = typeof SidebarApi & typeof PlansApi;
type Promised<F> = F extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
export type Server = { readonly [K in keyof Entry]: Promised<Entry[K]> };

/** google.script.run answers null for a result it cannot carry: never silently. */
export class EmptyAnswer extends Error {
  constructor(name: string) {
    super(`${name}: the server sent no answer`);
  }
}

const client = new GASClient<Entry>();

// the target is never read: get() answers every name, and Server is what those answers are
export const server = new Proxy({} as Server, {
  get(_target, name: string) {
    // a name known only at run time: checked just below, not by the entry points' types
    const call = (client.serverFunctions as Record<string, (...a: unknown[]) => Promise<unknown>>)[
      name
    ];
    return async (...args: unknown[]) => {
      if (!call) throw new Error(`${name} is not a server function`);
      const result = await call(...args);
      if (result === null || result === undefined) {
        // every entry point the pages call returns an object; null means it could not be sent
        if (!VOID_CALLS.has(name)) throw new EmptyAnswer(name);
      }
      return result;
    };
  },
});

/** google.script.host: close the dialog, focus the editor, size a dialog. */
export const host = client.scriptHostFunctions;

/** Server functions that return nothing by design. */
const VOID_CALLS = new Set<string>(['openPlansDialog']);
