import autocannon from 'autocannon';

export interface LoadSettings {
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  headers?: Record<string, string>;
}

export interface LoadFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Response bytes (headers and body) per request: a cheap check that every answer was the full page. */
  bytesPerResponse: number;
}

/** A discarded warm-up (JIT, caches, connection pools), then the measured run, same settings. */
export async function measureLoad(url: string, settings: LoadSettings): Promise<{ warmup: LoadFigures | null; measured: LoadFigures }> {
  const warmup = settings.warmupSeconds > 0 ? await runOnce(url, settings, settings.warmupSeconds) : null;
  const measured = await runOnce(url, settings, settings.durationSeconds);
  return { warmup, measured };
}

async function runOnce(url: string, settings: LoadSettings, durationSeconds: number): Promise<LoadFigures> {
  const result = await autocannon({
    url,
    connections: settings.connections,
    duration: durationSeconds,
    headers: settings.headers ?? {},
    // Latency is only meaningful if slow answers are waited for rather than abandoned.
    timeout: 30,
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    bytesPerResponse: result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
  };
}

/** Every way a run can have measured something other than the page asked for. */
export function problemsWith(label: string, figures: LoadFigures, expectedMinimumBytes: number): string[] {
  const problems: string[] = [];
  if (figures.requests === 0) problems.push(`${label}: no responses at all`);
  if (figures.non2xx > 0) problems.push(`${label}: ${figures.non2xx} of ${figures.requests} responses were not 2xx`);
  if (figures.errors > 0) problems.push(`${label}: ${figures.errors} connection errors (${figures.timeouts} timeouts)`);
  if (figures.requests > 0 && figures.bytesPerResponse < expectedMinimumBytes) {
    problems.push(`${label}: responses averaged ${Math.round(figures.bytesPerResponse)} bytes, less than the ${expectedMinimumBytes}-byte page`);
  }
  return problems;
}
