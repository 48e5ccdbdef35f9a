import * as http from 'node:http';
import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';
import { stopMoto } from '../support/moto/moto-server';
import { stopVersityGw } from '../support/versitygw/versitygw-server';

/** Whether something answers HTTP at the URL within a second. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/**
 * Runs `work` with the test servers of global-setup. An RGW that was already running (another session's, on
 * the shared directory) is used and left running: only the servers this call started are stopped.
 */
export async function withTestServers<T>(work: () => Promise<T>): Promise<T> {
  const rgwWasUp = await answers(`http://127.0.0.1:${process.env.RGW_PORT ?? '7481'}/`);
  await globalSetup();
  try {
    return await work();
  } finally {
    if (!rgwWasUp) globalTeardown();
    else if (process.env.S3ADMIN_SKIP_SERVERS !== '1' && process.env.S3ADMIN_KEEP_SERVERS !== '1') {
      stopVersityGw(process.env);
      stopMoto(process.env);
    }
  }
}
