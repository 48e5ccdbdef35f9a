/**
 * The built provider bundle as the engine runs it (go-plugin, AutoMTLS): handshake, TLS, the RPCs, shutdown,
 * signals and orphaning. Needs `npm run build` (dist/provider/terraform-provider-s3admin.js). The pitfalls of
 * /work/shared/notes.md, "A provider in Node", each fail here with a message saying which.
 */
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { BROKER_SERVICE, CONTROLLER_SERVICE, PROVIDER_SERVICE, STDIO_SERVICE } from '../../lib/provider/protocol/grpc-services';
import { createServerCertificate } from '../../lib/provider/protocol/server-certificate';
import { S3ADMIN_PROVIDER } from '../../lib/provider/s3admin';
import {
  connect,
  engineEnv,
  exitWithin,
  Handshake,
  isRunning,
  killStartedProviders,
  outcome,
  parseHandshake,
  PROVIDER_BUNDLE,
  providerExecutable,
  ProviderProcess,
  spawnProvider,
  temporaryDir,
  unary,
} from '../support/provider/plugin-process';

jest.setTimeout(60_000);

/** How long a plugin may take to leave before a test calls it stuck: far above the engine's 2 s, so no timing test. */
const EXIT_LIMIT_MS = 20_000;

const engineCert = createServerCertificate();
let tmpDir: string;
const clients: grpc.Client[] = [];

beforeAll(() => {
  if (!fs.existsSync(PROVIDER_BUNDLE)) throw new Error(`${PROVIDER_BUNDLE} is missing: run \`npm run build\` first`);
});
beforeEach(() => {
  tmpDir = temporaryDir();
});
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  killStartedProviders();
  fs.rmSync(tmpDir, { recursive: true, force: true });
});

/** A provider started as the engine starts it, with its handshake read. */
async function startProvider(): Promise<{ provider: ProviderProcess; handshake: Handshake }> {
  const provider = spawnProvider(engineEnv(engineCert, tmpDir));
  return { provider, handshake: await provider.handshake };
}

function engineClient(handshake: Handshake, clientCert = engineCert): grpc.Client {
  const client = connect(handshake, clientCert);
  clients.push(client);
  return client;
}

const socketAfterExit = (socket: string) => (fs.existsSync(socket) ? `left behind: ${socket}` : 'removed');
const getSchema = (client: grpc.Client) => unary(client, PROVIDER_SERVICE.GetProviderSchema, {});
const shutdown = (client: grpc.Client) => unary(client, CONTROLLER_SERVICE.Shutdown, {}).catch(() => undefined); // the answer may be cut by the exit, as go-plugin allows

describe('handshake', () => {
  it('writes exactly one stdout line: 1|6|unix|<socket>|grpc|<certificate>, and nothing else', async () => {
    // GIVEN a provider started by the engine
    const { provider, handshake } = await startProvider();

    // THEN the line has go-plugin's six fields, the socket exists under TMPDIR
    expect(handshake.line).toMatch(/^1\|6\|unix\|[^|]+\|grpc\|[A-Za-z0-9+/]+$/);
    expect(path.dirname(handshake.socket)).toBe(tmpDir);
    expect(fs.statSync(handshake.socket).isSocket()).toBe(true);

    // WHEN it serves a call and is shut down
    await getSchema(engineClient(handshake));
    await shutdown(engineClient(handshake));
    await exitWithin(provider, EXIT_LIMIT_MS, 'Shutdown');

    // THEN stdout held the handshake line only (anything else breaks the engine's start); logs went to stderr
    expect(provider.stdout()).toBe(`${handshake.line}\n`);
  });

  it('offers a self-signed certificate for localhost, as DER in base64 without = padding', async () => {
    // GIVEN / WHEN
    const { handshake } = await startProvider();
    const field = handshake.fields[5];

    // THEN the engine can read it ("illegal base64 data" with padding) and verify the server as localhost
    expect(field).not.toMatch(/=/);
    const certificate = new crypto.X509Certificate(Buffer.from(field, 'base64'));
    expect(certificate.subjectAltName).toBe('DNS:localhost');
    expect(certificate.ca).toBe(true);
    expect(certificate.verify(certificate.publicKey)).toBe(true);
    expect(certificate.checkIssued(certificate)).toBe(true);
    expect(certificate.keyUsage).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2']));
    expect(certificate.raw.equals(new crypto.X509Certificate(engineCert.certPem).raw)).toBe(false);
  });

  it('serves plaintext with a five-field handshake when the engine offers no client certificate', async () => {
    // GIVEN TLS turned off in the engine (TF_DISABLE_PLUGIN_TLS): no PLUGIN_CLIENT_CERT
    const provider = spawnProvider(engineEnv(undefined, tmpDir));
    const handshake = await provider.handshake;

    // THEN
    expect(handshake.fields).toEqual(['1', '6', 'unix', handshake.socket, 'grpc']);
    const schema = await getSchema(engineClient(handshake));
    expect(Object.keys(schema.resourceSchemas)).toContain('s3admin_rgw_user');
  });
});

describe('mutual TLS', () => {
  it('answers GetProviderSchema to the engine with every resource type', async () => {
    // GIVEN a client as the engine makes it: the handshake's certificate as the only root, its own client certificate
    const { handshake } = await startProvider();

    // WHEN
    const schema = await getSchema(engineClient(handshake));

    // THEN it serves the RGW types, and every type the sources declare (else the bundle is older than them)
    const served = Object.keys(schema.resourceSchemas).sort();
    const declared = S3ADMIN_PROVIDER.resources.map((t) => t.schema.typeName).sort();
    expect(served).toEqual(expect.arrayContaining(['s3admin_rgw_user', 's3admin_rgw_access_key']));
    const stale = `the bundle serves [${served.join(', ')}] but lib/provider/s3admin.ts declares [${declared.join(', ')}]: run \`npm run build\``;
    expect(served.join() === declared.join() ? 'the bundle serves the declared types' : stale).toBe('the bundle serves the declared types');
    expect(schema.diagnostics).toEqual([]);
  });

  it('answers every RPC the engine calls (none is unimplemented)', async () => {
    // GIVEN the RPCs OpenTofu 1.10 called during init, plan, apply, import and destroy
    const { handshake } = await startProvider();
    const client = engineClient(handshake);
    const nil = { msgpack: Buffer.from([0xc0]) };
    const calls: [keyof typeof PROVIDER_SERVICE, object][] = [
      ['GetProviderSchema', {}],
      ['ValidateProviderConfig', { config: nil }],
      ['ValidateResourceConfig', { typeName: 's3admin_rgw_user', config: nil }],
      ['ConfigureProvider', { config: nil }],
      ['UpgradeResourceState', { typeName: 's3admin_rgw_user', rawState: { json: Buffer.from('{"uid":"alice"}') } }],
      ['ReadResource', { typeName: 's3admin_rgw_user', currentState: nil }],
      ['PlanResourceChange', { typeName: 's3admin_rgw_user', priorState: nil, proposedNewState: nil, config: nil }],
      ['ApplyResourceChange', { typeName: 's3admin_rgw_user', priorState: nil, plannedState: nil, config: nil }],
      ['ImportResourceState', { typeName: 's3admin_rgw_user', id: 'alice' }],
      ['StopProvider', {}],
    ];

    // WHEN each is called THEN each answers (an error would say which)
    for (const [rpc, request] of calls) expect(`${rpc} ${await outcome(unary(client, PROVIDER_SERVICE[rpc], request))}`).toBe(`${rpc} answered`);
  });

  it('fails a request it cannot decode with INTERNAL, and logs why on stderr only', async () => {
    // GIVEN a config whose MessagePack is broken (0xc1 is a byte MessagePack never uses)
    const { provider, handshake } = await startProvider();
    const client = engineClient(handshake);

    // WHEN it is sent
    const result = await outcome(unary(client, PROVIDER_SERVICE.ValidateResourceConfig, { typeName: 's3admin_rgw_user', config: { msgpack: Buffer.from([0xc1]) } }));

    // THEN the engine gets an error, the log line goes to stderr (TF_LOG shows it), stdout keeps the handshake only
    expect(result).toBe('refused (INTERNAL)');
    expect(provider.stderr()).toContain('[s3admin] ValidateResourceConfig failed');
    expect(provider.stdout()).toBe(`${handshake.line}\n`);
    expect(await outcome(getSchema(client))).toBe('answered');
  });

  it('fails to serve a client that presents a different client certificate', async () => {
    // GIVEN a client trusting the server but presenting a certificate the engine did not offer
    const { handshake } = await startProvider();

    // WHEN / THEN
    expect(await outcome(getSchema(engineClient(handshake, createServerCertificate())))).toBe('refused (UNAVAILABLE)');
  });

  it('fails to serve a client without a client certificate, or in plaintext', async () => {
    // GIVEN a TLS client with no certificate, and a plaintext one
    const { handshake } = await startProvider();
    const noCertificate = connect(handshake);
    const plaintext = connect({ ...handshake, serverCertPem: undefined });
    clients.push(noCertificate, plaintext);

    // WHEN / THEN neither is answered (serving plaintext to the engine makes it time out on GetProviderSchema)
    expect(await outcome(getSchema(noCertificate))).toBe('refused (UNAVAILABLE)');
    expect(await outcome(getSchema(plaintext))).toMatch(/^refused/);
  });
});

describe('refused starts', () => {
  it.each([
    ['missing', undefined],
    ['wrong', 'not-the-cookie'],
  ])('fails with exit code 1 and a message on stderr when the magic cookie is %s', async (_case, cookie) => {
    // GIVEN someone running the bundle by hand
    const provider = spawnProvider({ ...engineEnv(engineCert, tmpDir), TF_PLUGIN_MAGIC_COOKIE: cookie });

    // WHEN it exits
    const { code } = await exitWithin(provider, EXIT_LIMIT_MS, 'a start without the cookie');

    // THEN it says what it is, on stderr only
    expect(code).toBe(1);
    expect(provider.stdout()).toBe('');
    expect(provider.stderr()).toMatch(/Terraform provider plugin.*not run by hand/);
  });

  it('fails with exit code 1 naming protocol version 6 when the engine offers only version 5', async () => {
    // GIVEN an engine that speaks plugin protocol 5 only
    const provider = spawnProvider({ ...engineEnv(engineCert, tmpDir), PLUGIN_PROTOCOL_VERSIONS: '5' });

    // WHEN / THEN
    const { code } = await exitWithin(provider, EXIT_LIMIT_MS, 'a start with protocol 5');
    expect(code).toBe(1);
    expect(provider.stdout()).toBe('');
    expect(provider.stderr()).toContain('5');
    expect(provider.stderr()).toMatch(/speaks 6/);
  });

  it('accepts a list of versions that includes 6', async () => {
    // GIVEN / WHEN
    const provider = spawnProvider({ ...engineEnv(engineCert, tmpDir), PLUGIN_PROTOCOL_VERSIONS: '5,6' });

    // THEN
    expect((await provider.handshake).fields[1]).toBe('6');
  });
});

describe('shutdown', () => {
  it('exits with code 0 on plugin.GRPCController/Shutdown and removes its socket', async () => {
    // GIVEN a running provider
    const { provider, handshake } = await startProvider();
    await getSchema(engineClient(handshake));

    // WHEN the engine says goodbye
    await shutdown(engineClient(handshake));

    // THEN it leaves on its own, cleanly, and leaves no socket file behind
    expect(await exitWithin(provider, EXIT_LIMIT_MS, 'Shutdown')).toEqual({ code: 0, signal: null });
    expect(socketAfterExit(handshake.socket)).toBe('removed');
  });

  it.each([
    ['both held open', false],
    ['the broker stream half-closed first (as go-plugin does) and the stdio one cancelled', true],
  ])('exits with code 0 on Shutdown with a GRPCStdio and a GRPCBroker stream open: %s', async (_case, closeFirst) => {
    // GIVEN the two streams the engine opens at every launch
    const { provider, handshake } = await startProvider();
    const client = engineClient(handshake);
    const stdio = client.makeServerStreamRequest(STDIO_SERVICE.StreamStdio.path, STDIO_SERVICE.StreamStdio.requestSerialize, STDIO_SERVICE.StreamStdio.responseDeserialize, {});
    const broker = client.makeBidiStreamRequest(BROKER_SERVICE.StartStream.path, BROKER_SERVICE.StartStream.requestSerialize, BROKER_SERVICE.StartStream.responseDeserialize);
    for (const stream of [stdio, broker]) stream.on('error', () => undefined).on('data', () => undefined);
    // a unary call after them on the same connection: by its answer, the server has both streams
    await getSchema(client);
    if (closeFirst) {
      broker.end();
      stdio.cancel();
      await getSchema(client);
    }

    // WHEN
    await shutdown(client);

    // THEN the open streams do not hold the exit (the engine kills a plugin still there after 2 s)
    expect(await exitWithin(provider, EXIT_LIMIT_MS, 'Shutdown with GRPCStdio and GRPCBroker streams open')).toEqual({ code: 0, signal: null });
    expect(socketAfterExit(handshake.socket)).toBe('removed');
  });
});

describe('signals and orphaning', () => {
  it('keeps serving after SIGINT (the engine turns Ctrl-C into StopProvider)', async () => {
    // GIVEN a running provider
    const { provider, handshake } = await startProvider();

    // WHEN Ctrl-C reaches it
    provider.child.kill('SIGINT');

    // THEN it still answers, and is still running
    const schema = await getSchema(engineClient(handshake)).catch((e: Error) => {
      throw new Error(`after SIGINT the provider did not answer GetProviderSchema (${e.message}); exit code ${provider.child.exitCode}, signal ${provider.child.signalCode}`);
    });
    expect(Object.keys(schema.resourceSchemas)).toContain('s3admin_rgw_user');
    expect(provider.child.exitCode).toBeNull();
    expect(provider.child.signalCode).toBeNull();
  });

  it('exits when its parent process dies', async () => {
    // GIVEN a provider whose parent is an intermediate node process (standing in for the engine)
    const script = `
      const child = require('node:child_process').spawn(process.execPath, [process.argv[1]], { stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.once('data', (d) => process.stdout.write(JSON.stringify({ pid: child.pid, line: String(d).split('\\n')[0] }) + '\\n'));
      setInterval(() => undefined, 60000);`;
    const parent = spawn(process.execPath, ['-e', script, providerExecutable()], { env: engineEnv(engineCert, tmpDir), stdio: ['ignore', 'pipe', 'inherit'] });
    const started = await new Promise<{ pid: number; line: string }>((resolve, reject) => {
      parent.stdout.once('data', (d: Buffer) => resolve(JSON.parse(String(d))));
      parent.once('exit', (code) => reject(new Error(`the intermediate process exited (${code}) before the provider's handshake`)));
    });
    const socket = parseHandshake(started.line).socket;
    try {
      expect(isRunning(started.pid)).toBe(true);

      // WHEN the parent is killed outright (an engine crash)
      parent.kill('SIGKILL');

      // THEN the orphaned provider leaves by itself, and removes its socket
      const deadline = Date.now() + EXIT_LIMIT_MS;
      while (isRunning(started.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (isRunning(started.pid)) throw new Error(`the provider (pid ${started.pid}) was still running ${EXIT_LIMIT_MS / 1000} s after its parent died: an engine crash would leave an orphan`);
      expect(socketAfterExit(socket)).toBe('removed');
    } finally {
      if (isRunning(started.pid)) process.kill(started.pid, 'SIGKILL');
      if (parent.exitCode === null && parent.signalCode === null) parent.kill('SIGKILL');
    }
  });
});
