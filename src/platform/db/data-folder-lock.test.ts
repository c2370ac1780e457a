import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { newDataFolder, startServer } from '../../../test/support/operations.ts';
import { DataFolderInUseError, lockDataFolder } from './data-folder-lock.ts';

describe('one process at a time on the embedded data folder', () => {
  test('a second server on the same folder refuses at once, naming the first one’s pid; once the first stops, it starts', async () => {
    const dataDir = await newDataFolder();
    const first = await startServer(dataDir);
    const second = await startServer(dataDir).then(
      async (running) => {
        await running.stop();
        return 'started';
      },
      (error: Error) => error.message,
    );
    await first.stop();
    assert.match(second, new RegExp(`in use by process ${first.pid} .*npm start`));
    assert.match(second, new RegExp(`stop that process first \\(kill ${first.pid}\\)`));
    const again = await startServer(dataDir);
    await again.stop();
  });

  test('a lock left by a killed process goes stale and is taken over, while a live holder is refused', async () => {
    const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'linkway-lock-')), 'data');
    const lockModule = new URL('./data-folder-lock.ts', import.meta.url).href;
    const holder = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', `
        import { mkdir } from 'node:fs/promises';
        const { lockDataFolder } = await import(${JSON.stringify(lockModule)});
        await mkdir(${JSON.stringify(dataDir)}, { recursive: true });
        await lockDataFolder(${JSON.stringify(dataDir)}, { command: 'a test holder', staleMs: 2000 });
        console.log('held');
        setInterval(() => {}, 1000);`],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve()));

    const refused = await lockDataFolder(dataDir, { command: 'this test', staleMs: 2000 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    assert.ok(refused instanceof DataFolderInUseError, 'a live holder is refused');
    assert.equal(refused.holder?.pid, holder.pid);

    const killed = new Promise((resolve) => holder.once('exit', resolve));
    holder.kill('SIGKILL');
    await killed;
    const lock = await lockDataFolder(dataDir, { command: 'this test', staleMs: 2000 });
    await lock.release();
  });
});
