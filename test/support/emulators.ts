/** Starts the emulators as child processes (never in the jest process) and talks to their control APIs. */
import { join } from 'node:path';
import { control } from '../../dev/emulator/processes';
import { startChildServer, type ChildServer } from './child-server';

const ROOT = join(__dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface AmoHandle extends ChildServer {
  token: string;
  control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  api(
    path: string,
    init?: { token?: string; host?: string; headers?: Record<string, string> },
  ): Promise<Response>;
}

export async function startAmoEmulator(
  args: string[] = ['--seed', '1', '--size', 'tiny'],
): Promise<AmoHandle> {
  const server = await startChildServer(TSX, [join(ROOT, 'dev', 'amocrm', 'cli.ts'), ...args]);
  const state = await control<{ token: string }>(server.url, 'state');
  return {
    ...server,
    token: state.token,
    control: (path, body) => control(server.url, path, body),
    api: (path, init = {}) =>
      fetch(`${server.url}${path}`, {
        headers: {
          authorization: `Bearer ${init.token ?? state.token}`,
          'x-original-host': init.host ?? 'demo.amocrm.ru',
          ...(init.headers ?? {}),
        },
      }),
  };
}

export interface TelegramHandle extends ChildServer {
  token: string;
  chatId: number;
  /** the sales head's private chat with the bot */
  headId: number;
  control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  call(
    method: string,
    params?: Record<string, unknown>,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

export async function startTelegramEmulator(): Promise<TelegramHandle> {
  const server = await startChildServer(TSX, [join(ROOT, 'dev', 'telegram', 'cli.ts')]);
  const token = /TOKEN (\S+)/.exec(server.output)?.[1] ?? '';
  const chatId = Number(/CHAT (\S+)/.exec(server.output)?.[1]);
  const headId = Number(/HEAD (\S+)/.exec(server.output)?.[1]);
  return {
    ...server,
    token,
    chatId,
    headId,
    control: (path, body) => control(server.url, path, body),
    call: async (method, params = {}) => {
      const res = await fetch(`${server.url}/bot${token}/${method}`, {
        method: 'POST',
        body: JSON.stringify(params),
        headers: { 'content-type': 'application/json' },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}
