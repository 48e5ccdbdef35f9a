import globalSetup from '../support/global-setup';
import globalTeardown from '../support/global-teardown';

/**
 * Runs `work` with the test servers of global-setup, on an RGW of the bench's own (its own directory and
 * ports, unless RGW_DIR / RGW_PORT / RGW_MON_PORT are set): the shared test RGW is restarted and stopped by
 * test runs in other sessions, which would wipe the bench's users and its timings half-way.
 */
export async function withTestServers<T>(work: () => Promise<T>): Promise<T> {
  process.env.RGW_DIR ??= '/tmp/s3admin-bench-rgw';
  process.env.RGW_PORT ??= '7591';
  process.env.RGW_MON_PORT ??= '3391';
  await globalSetup();
  try {
    return await work();
  } finally {
    globalTeardown();
  }
}
