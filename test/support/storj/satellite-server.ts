import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { SUPPORT_DIR } from '../repo-root';

const run = promisify(execFile);
const DIR = path.join(SUPPORT_DIR, 'storj');

/** The working dir of the test satellite unless STORJ_DIR says otherwise (start-satellite.sh wipes it). */
export const DEFAULT_STORJ_DIR = '/tmp/s3admin-test-storj';

/**
 * Starts (or finds running) a real Storj satellite admin API on loopback: a private PostgreSQL cluster, the
 * satellite's migration, then `satellite run admin` from the binary that storj/build.sh put in .cache/go-bin.
 * @returns the environment the tests read: STORJ_ADMIN_ENDPOINT (http://127.0.0.1:port), STORJ_ADMIN_PATH_PREFIX
 *   (`/legacy/api` for satellites since v1.145, `/api` before), STORJ_ADMIN_TOKEN (sent raw in `Authorization`),
 *   STORJ_SATELLITE_DB and STORJ_METAINFO_DB (PostgreSQL URLs, for fixtures such as buckets), STORJ_DIR, ...
 */
export async function startSatellite(): Promise<Record<string, string>> {
  const { stdout } = await run('bash', [path.join(DIR, 'start-satellite.sh')], {
    env: { ...process.env, STORJ_DIR: process.env.STORJ_DIR ?? DEFAULT_STORJ_DIR },
    encoding: 'utf8',
    // the script bounds each of its own waits; this only guards against the unforeseen (apt-get included)
    timeout: 20 * 60_000,
    maxBuffer: 1 << 20,
  }).catch((e: Error & { stderr?: string }) => {
    throw new Error(`start-satellite.sh failed: ${e.message}\n${e.stderr ?? ''}`);
  });
  const env: Record<string, string> = {};
  for (const [, key, value] of stdout.matchAll(/^export (\w+)='([^']*)'$/gm)) env[key] = value;
  if (!env.STORJ_ADMIN_ENDPOINT) throw new Error(`start-satellite.sh printed no STORJ_ADMIN_ENDPOINT:\n${stdout}`);
  return env;
}

/** Stops what startSatellite started (only the PIDs it recorded) and removes its directory; synchronous, for a global teardown. */
export function stopSatellite(env: NodeJS.ProcessEnv): void {
  if (!env.STORJ_DIR) return;
  execFileSync('bash', [path.join(DIR, 'stop-satellite.sh')], { env: { ...process.env, STORJ_DIR: env.STORJ_DIR }, stdio: ['ignore', 'ignore', 'inherit'], timeout: 3 * 60_000 });
}
