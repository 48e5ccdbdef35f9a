import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/**
 * Starts the test servers once for the whole run: a real Ceph RGW on loopback (from Debian's packages,
 * installed by the script when missing). Their settings reach the test workers through the environment.
 */
export default function globalSetup(): void {
  if (process.env.S3ADMIN_SKIP_SERVERS === '1') return;
  const started = Date.now();
  const script = path.join(__dirname, 'rgw', 'start-rgw.sh');
  const out = execFileSync('bash', [script], {
    env: { ...process.env, RGW_DIR: process.env.RGW_DIR ?? '/tmp/s3admin-test-rgw', RGW_PORT: process.env.RGW_PORT ?? '7481', RGW_MON_PORT: process.env.RGW_MON_PORT ?? '3301' },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for (const [, key, value] of out.matchAll(/^export (\w+)='([^']*)'$/gm)) process.env[key] = value;
  process.stderr.write(`\n[test servers] RGW at ${process.env.RGW_ENDPOINT} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
