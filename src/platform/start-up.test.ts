import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, startLinkwayProcess } from '../../test/support/server-process.ts';

let folder: string;
before(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'linkway-start-up-'));
});
after(() => rm(folder, { recursive: true, force: true }));

/** Linkway exits with status 1 and says, in one line and no stack trace, what is wrong. */
async function failsWithOneLine(env: Record<string, string>): Promise<string> {
  const { code, stdout, stderr } = await startLinkwayProcess(env).exited;
  assert.equal(code, 1, `exit status (stderr: ${stderr})`);
  assert.equal(stdout, '');
  const lines = stderr.trim().split('\n');
  assert.equal(lines.length, 1, `one line, got:\n${stderr}`);
  return lines[0]!;
}

// Each case starts its own process; they run side by side to keep the file quick.
describe('start-up failures', { concurrency: true }, () => {
  test('a port in use is reported before the database is touched', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    const dataDir = path.join(folder, 'never-made');
    try {
      const line = await failsWithOneLine({ PORT: String(port), DATA_DIR: dataDir });
      assert.equal(line, `Port ${port} on 127.0.0.1 is already in use (is Linkway already running?): stop the other program or set PORT to a free port.`);
      assert.equal(existsSync(dataDir), false, 'no database was created or migrated first');
    } finally {
      taken.close();
    }
  });

  test('a DATA_DIR that is a file', async () => {
    const file = path.join(folder, 'a-file');
    await writeFile(file, 'not a folder');
    const line = await failsWithOneLine({ PORT: String(await freePort()), DATA_DIR: file });
    assert.match(line, new RegExp(`^DATA_DIR ${file} is a file, or inside one, not a folder: set DATA_DIR to a folder`));
  });

  test('a DATA_DIR that cannot be written', async () => {
    // Tests run as root, who may write to any ordinary folder; the kernel's sysfs refuses even root.
    const line = await failsWithOneLine({ PORT: String(await freePort()), DATA_DIR: '/sys/linkway-data' });
    assert.equal(line, 'Linkway cannot write to DATA_DIR /sys/linkway-data: give the user running Linkway write access to it, or set DATA_DIR to a folder it can write to.');
  });

  test('a PostgreSQL server that refuses connections', async () => {
    const closedPort = await freePort();
    const line = await failsWithOneLine({ PORT: String(await freePort()), DATABASE_URL: `postgres://linkway@127.0.0.1:${closedPort}/linkway` });
    assert.equal(line, `PostgreSQL at 127.0.0.1:${closedPort} refused the connection: start the server, or correct the host and port in DATABASE_URL.`);
  });
});
