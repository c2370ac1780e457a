import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The line a server process prints on stdout once it accepts connections. */
export const LISTENING_PREFIX = 'BENCH_LISTENING ';

export interface ServerProcess {
  url: string;
  pid: number;
  /** Asks the server to shut down cleanly (so a CPU profile gets written) and waits for it. */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs a bench server script in its own Node process, so the load generator in this process never
 * competes with the server for the same event loop.
 */
export async function startServerProcess(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, fileURLToPath(new URL(script, import.meta.url))], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // The server's own complaints go to our stderr, so they are seen but never mixed into the figures.
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${script}] ${chunk.toString()}`));
  const url = await waitForListening(child, script);
  return { url, pid: child.pid!, stop: () => stopProcess(child) };
}

function waitForListening(child: ChildProcess, script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} did not start listening within ${START_TIMEOUT_MS / 1000} s`));
    }, START_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const line = buffered.split('\n').find((candidate) => candidate.startsWith(LISTENING_PREFIX));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice(LISTENING_PREFIX.length).trim());
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited before listening (code ${code}, signal ${signal})`));
    });
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
