import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { freePort } from '../free-port';
import { repoRoot } from '../repo-root';

export const VERSITY_ROOT_ACCESS_KEY = 'VERSITYROOTACCESS01';
export const VERSITY_ROOT_SECRET_KEY = 'versityRootSecretKey0123456789abcdefABCD';

const BINARY = path.join(repoRoot(), '.cache', 'go-bin', 'versitygw');

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/**
 * Starts a real versitygw on loopback with the posix backend and an admin port, in a fresh directory.
 * @returns the environment the tests read, including the pid that stop() needs
 */
export async function startVersityGw(): Promise<Record<string, string>> {
  const s3Port = await freePort();
  const adminPort = await freePort();
  if (!fs.existsSync(BINARY)) throw new Error(`${BINARY} is missing: run test/support/versitygw/build.sh`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3admin-versitygw-'));
  for (const sub of ['data', 'sidecar', 'iam']) fs.mkdirSync(path.join(dir, sub));
  const log = fs.openSync(path.join(dir, 'versitygw.log'), 'a');
  const child = spawn(
    BINARY,
    ['--port', `127.0.0.1:${s3Port}`, '--admin-port', `127.0.0.1:${adminPort}`, '--iam-dir', path.join(dir, 'iam'), 'posix', '--sidecar', path.join(dir, 'sidecar'), path.join(dir, 'data')],
    { env: { ...process.env, ROOT_ACCESS_KEY: VERSITY_ROOT_ACCESS_KEY, ROOT_SECRET_KEY: VERSITY_ROOT_SECRET_KEY }, detached: true, stdio: ['ignore', log, log] },
  );
  child.unref();
  const deadline = Date.now() + 20_000;
  while (!(await portOpen(adminPort)) || !(await portOpen(s3Port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`versitygw did not start; see ${path.join(dir, 'versitygw.log')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    VERSITY_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    VERSITY_ADMIN_ENDPOINT: `http://127.0.0.1:${adminPort}`,
    VERSITY_ADMIN_ACCESS_KEY: VERSITY_ROOT_ACCESS_KEY,
    VERSITY_ADMIN_SECRET_KEY: VERSITY_ROOT_SECRET_KEY,
    VERSITY_PID: String(child.pid),
    VERSITY_DIR: dir,
  };
}

/** Stops the versitygw that startVersityGw started (by its pid only) and removes its directory. */
export function stopVersityGw(env: NodeJS.ProcessEnv): void {
  const pid = Number(env.VERSITY_PID);
  if (pid) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  if (env.VERSITY_DIR?.includes('s3admin-versitygw-')) fs.rmSync(env.VERSITY_DIR, { recursive: true, force: true });
}
