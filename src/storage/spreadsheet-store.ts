/**
 * The spreadsheet store (the default) behind the store interface: the merged store packed into
 * the hidden store sheet (account-store.ts), an incremental sync re-packing only the event months
 * it changed. Its ceiling is store-ceiling.ts.
 */
import type { AccountStore, OpenedStore, StoreHead } from '../shapes/account-store';
import {
  commitStore,
  confirmCommittedStore,
  decodeBlocks,
  forgetCommittedStore,
  readCommittedStore,
  storedTaskLeads,
  verifiedStore,
} from './account-store';
import type { PreviousStore } from './store-codec';

const headOf = (m: StoreHead): StoreHead => ({
  syncId: m.syncId,
  until: m.until,
  syncedAt: m.syncedAt,
});

/** The committed blocks, for the incremental re-pack: only this store's own openings carry them. */
const BLOCKS = new WeakMap<OpenedStore, PreviousStore>();

function opened(blocks: PreviousStore): OpenedStore {
  const o: OpenedStore = {
    head: headOf(blocks.manifest),
    taskLeads: (wanted) => storedTaskLeads(blocks, wanted),
    read: () => decodeBlocks(blocks),
  };
  BLOCKS.set(o, blocks);
  return o;
}

export const spreadsheetStore: AccountStore = {
  kind: 'spreadsheet',
  open() {
    const { blocks, problem } = verifiedStore();
    return { store: blocks ? opened(blocks) : null, ...(problem ? { problem } : {}) };
  },
  commit(input, previous) {
    const blocks = previous ? (BLOCKS.get(previous) ?? null) : null;
    const { data, dirtyMonths } = input.merged();
    const manifest = commitStore(input.head, data, blocks, dirtyMonths);
    return { head: headOf(manifest), data };
  },
  readCommitted() {
    const c = readCommittedStore();
    return c ? { head: headOf(c.manifest), data: c.data } : null;
  },
  forget: forgetCommittedStore,
  confirm: confirmCommittedStore,
};
