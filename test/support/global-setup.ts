import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { startMoto } from './moto/moto-server';
import { SUPPORT_DIR } from './repo-root';
import { startSatellite } from './storj/satellite-server';
import { startVersityGw } from './versitygw/versitygw-server';

/**
 * Starts the test servers once for the whole run, on loopback: a real Ceph RGW (from Debian's packages,
 * installed by its script when missing) and a real VersityGW (built from its Go module by
 * versitygw/build.sh), a real Storj satellite's admin API (storj/, PostgreSQL from Debian); and makes sure the
 * end-to-end engine is built. Their settings reach the test workers
 * through the environment.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.S3ADMIN_SKIP_SERVERS === '1') return;
  const started = Date.now();
  const script = path.join(SUPPORT_DIR, 'rgw', 'start-rgw.sh');
  const out = execFileSync('bash', [script], {
    env: { ...process.env, RGW_DIR: process.env.RGW_DIR ?? '/tmp/s3admin-test-rgw', RGW_PORT: process.env.RGW_PORT ?? '7481', RGW_MON_PORT: process.env.RGW_MON_PORT ?? '3301' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const [, key, value] of out.matchAll(/^export (\w+)='([^']*)'$/gm)) process.env[key] = value;
  process.stderr.write(`\n[test servers] RGW at ${process.env.RGW_ENDPOINT} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  execFileSync('bash', [path.join(SUPPORT_DIR, 'versitygw', 'build.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  Object.assign(process.env, await startVersityGw());
  process.stderr.write(`[test servers] VersityGW admin API at ${process.env.VERSITY_ADMIN_ENDPOINT}\n`);
  execFileSync('bash', [path.join(SUPPORT_DIR, 'storj', 'build.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  Object.assign(process.env, await startSatellite());
  process.stderr.write(`[test servers] Storj satellite ${process.env.STORJ_SATELLITE_VERSION} admin API at ${process.env.STORJ_ADMIN_ENDPOINT}${process.env.STORJ_ADMIN_PATH_PREFIX}\n`);
  execFileSync('bash', [path.join(SUPPORT_DIR, 'moto', 'setup-moto.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  Object.assign(process.env, await startMoto());
  process.stderr.write(`[test servers] moto (AWS API emulator) at ${process.env.MOTO_ENDPOINT}\n`);
  // the engine of the end-to-end suites: OpenTofu from its Go module (a no-op once built)
  execFileSync('bash', [path.join(SUPPORT_DIR, '..', 'e2e', 'setup-engine.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
}
