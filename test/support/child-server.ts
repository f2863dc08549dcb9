/** Starts a server script as a child process and waits for its "PORT n" line. */
import { startServerProcess, type EmulatorProcess } from '../../dev/emulator/processes';

export type ChildServer = EmulatorProcess;
export const startChildServer = startServerProcess;
