import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { BUNDLE_NAME } from '../../../lib/provider/launcher';
import { ServerCertificate } from '../../../lib/provider/protocol/server-certificate';
import { MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE } from '../../../lib/provider/server/plugin-server';
import { providerBundle } from '../../../lib/synth/provider-bundle';
import { repoRoot } from '../repo-root';

/**
 * The bundle `npm run build` writes; S3ADMIN_PROVIDER_BUNDLE names another build (such as a deliberately
 * broken copy, to see these tests catch the regression).
 */
export const PROVIDER_BUNDLE = process.env.S3ADMIN_PROVIDER_BUNDLE ?? path.join(repoRoot(), 'dist', 'provider', 'terraform-provider-s3admin.js');

let executable: string | undefined;

/**
 * What the engine runs: the provider's package as synth ships it (the launcher, and PROVIDER_BUNDLE beside
 * it), written once per test process into a directory of its own.
 */
export function providerExecutable(): string {
  if (executable) return executable;
  const { files, executable: name } = providerBundle();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3admin-provider-package-'));
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), file === BUNDLE_NAME ? fs.readFileSync(PROVIDER_BUNDLE) : content, { mode: 0o755 });
  executable = path.join(dir, name);
  return executable;
}

/** The environment the engine starts a plugin with under AutoMTLS, in a temporary directory of its own. */
export function engineEnv(clientCert: ServerCertificate | undefined, tmpDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    TMPDIR: tmpDir,
    [MAGIC_COOKIE_KEY]: MAGIC_COOKIE_VALUE,
    PLUGIN_PROTOCOL_VERSIONS: '6',
    PLUGIN_MIN_PORT: '10000',
    PLUGIN_MAX_PORT: '25000',
    ...(clientCert ? { PLUGIN_CLIENT_CERT: clientCert.certPem } : {}),
  };
}

export interface Handshake {
  readonly line: string;
  readonly fields: string[];
  /** The Unix socket path, without the `unix://` scheme. */
  readonly socket: string;
  /** The certificate of the sixth field, back in PEM (undefined when the plugin serves plaintext). */
  readonly serverCertPem?: string;
}

export interface ProviderProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  /** The first stdout line, parsed; rejects with the plugin's stderr when it exits before writing one. */
  readonly handshake: Promise<Handshake>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<ChildProcess>();

export function parseHandshake(line: string): Handshake {
  const fields = line.split('|');
  const cert = fields[5];
  const pem = cert ? `-----BEGIN CERTIFICATE-----\n${Buffer.from(cert, 'base64').toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n` : undefined;
  return { line, fields, socket: fields[3], serverCertPem: pem };
}

/** Starts the provider's executable as the engine does, with the given environment, stdout and stderr piped. */
export function spawnProvider(env: NodeJS.ProcessEnv): ProviderProcess {
  const child = spawn(process.execPath, [providerExecutable()], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let out = '';
  let err = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    }),
  );
  const handshake = new Promise<Handshake>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const end = out.indexOf('\n');
      if (end < 0) return;
      const line = out.slice(0, end);
      // the engine refuses anything else as "Unrecognized remote plugin message"
      if (/^1\|6\|unix\|[^|]+\|grpc(\|[^|]+)?$/.test(line)) resolve(parseHandshake(line));
      else reject(new Error(`the first stdout line is not a go-plugin handshake (1|6|unix|<socket>|grpc|<cert>): ${JSON.stringify(line)}`));
    });
    exited.then(({ code, signal }) => reject(new Error(`the provider exited (code ${code}, signal ${signal}) before its handshake line; stderr:\n${err}`)));
  });
  handshake.catch(() => undefined); // tests that expect no handshake never await it
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  return { child, pid: child.pid!, stdout: () => out, stderr: () => err, handshake, exited };
}

/** Ends the providers a test started and left running (by their own pids). */
export function killStartedProviders(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

export function temporaryDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 's3admin-plugin-'));
}

/** A gRPC client as the engine makes one: TLS trusting only the handshake's certificate, presenting `clientCert`. */
export function connect(handshake: Handshake, clientCert?: ServerCertificate): grpc.Client {
  const credentials = handshake.serverCertPem
    ? grpc.credentials.createSsl(Buffer.from(handshake.serverCertPem), clientCert ? Buffer.from(clientCert.keyPem) : null, clientCert ? Buffer.from(clientCert.certPem) : null)
    : grpc.credentials.createInsecure();
  return new grpc.Client(`unix://${handshake.socket}`, credentials, { 'grpc.ssl_target_name_override': 'localhost' });
}

/** One unary call with the method's own serializers; the deadline only keeps a refused connection from hanging. */
export function unary<Response = Record<string, any>>(client: grpc.Client, method: grpc.MethodDefinition<unknown, unknown>, request: unknown = {}): Promise<Response> {
  return new Promise((resolve, reject) =>
    client.makeUnaryRequest(method.path, method.requestSerialize, method.responseDeserialize, request, new grpc.Metadata(), { deadline: Date.now() + 15_000 }, (e, response) =>
      e ? reject(e) : resolve(response as Response),
    ),
  );
}

/** What became of a call, in words that read well in a failed expectation: `answered` or `refused (<gRPC status>)`. */
export function outcome(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'answered',
    (e: grpc.ServiceError) => `refused (${grpc.status[e.code] ?? e.code})`,
  );
}

/** Resolves with the exit, or rejects with a readable message once `limitMs` passed without one. */
export function exitWithin(provider: ProviderProcess, limitMs: number, after: string): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the provider (pid ${provider.pid}) was still running ${limitMs / 1000} s after ${after}; stderr:\n${provider.stderr()}`)), limitMs);
  });
  return Promise.race([provider.exited, limit]).finally(() => clearTimeout(timer));
}

/** Whether the process is alive; a zombie (exited, not yet reaped by its new parent) counts as gone. */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}
