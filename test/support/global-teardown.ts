import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { SUPPORT_DIR } from './repo-root';
import { stopMoto } from './moto/moto-server';
import { stopSatellite } from './storj/satellite-server';
import { stopVersityGw } from './versitygw/versitygw-server';

/** Stops what global-setup started (the stop script signals only the daemons it recorded). */
export default function globalTeardown(): void {
  if (process.env.S3ADMIN_SKIP_SERVERS === '1' || process.env.S3ADMIN_KEEP_SERVERS === '1' || !process.env.RGW_DIR) return;
  stopVersityGw(process.env);
  stopMoto(process.env);
  stopSatellite(process.env);
  execFileSync('bash', [path.join(SUPPORT_DIR, 'rgw', 'stop-rgw.sh')], { env: process.env, stdio: ['ignore', 'ignore', 'inherit'] });
}
