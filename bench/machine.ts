import os from 'node:os';

/** The 1-minute load average against the core count: above about half, other work is competing. */
export function machineIsBusy(): { busy: boolean; loadAverage: number } {
  const loadAverage = os.loadavg()[0] ?? 0;
  return { busy: loadAverage > os.availableParallelism() / 2, loadAverage };
}

/** What the figures were measured on, printed with them so they can be recorded and compared. */
export function describeMachine(database: string, loadAverageAtStart: number): string[] {
  const cpus = os.cpus();
  const models = [...new Set(cpus.map((cpu) => cpu.model.trim()))].join(', ');
  const gib = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  return [
    `cpu:       ${models || 'unknown'}`,
    `cores:     ${cpus.length} logical (available to Node: ${os.availableParallelism()})`,
    `memory:    ${gib(os.totalmem())} total, ${gib(os.freemem())} free`,
    `os:        ${os.type()} ${os.release()} ${os.arch()}`,
    `node:      ${process.version}`,
    `database:  ${database}`,
    // Anything else running on the machine (tests, a browser) takes cores from both runs unevenly.
    `load avg:  ${loadAverageAtStart.toFixed(2)} (1 min, at start; ${os.loadavg()[0]?.toFixed(2)} at end)`,
  ];
}
