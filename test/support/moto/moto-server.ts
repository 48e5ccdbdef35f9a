import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { freePort } from '../free-port';
import { repoRoot } from '../repo-root';

/** Starts moto's server on a free loopback port; returns the environment the tests read (pid included). */
export async function startMoto(): Promise<Record<string, string>> {
  const binary = path.join(repoRoot(), '.cache', 'moto-venv', 'bin', 'moto_server');
  if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: run test/support/moto/setup-moto.sh`);
  const port = await freePort();
  const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], { detached: true, stdio: 'ignore', env: { ...process.env, MOTO_ACM_VALIDATION_WAIT: '0' } });
  let spawnError: Error | undefined;
  child.once('error', (e) => (spawnError = e));
  child.unref();
  const endpoint = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${endpoint}/moto-api/`)).ok) break;
    } catch {
      // not up yet
    }
    if (spawnError) throw new Error(`moto_server could not start (${spawnError.message}): run test/support/moto/setup-moto.sh`);
    if (child.exitCode !== null || Date.now() > deadline) throw new Error('moto_server did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  return { MOTO_ENDPOINT: endpoint, MOTO_PID: String(child.pid) };
}

export function stopMoto(env: NodeJS.ProcessEnv): void {
  const pid = Number(env.MOTO_PID);
  if (!pid) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
