import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { ProviderDefinition } from '../provider-definition';
import { BROKER_SERVICE, CONTROLLER_SERVICE, PROVIDER_SERVICE, STDIO_SERVICE } from '../protocol/grpc-services';
import { createServerCertificate } from '../protocol/server-certificate';
import { ProviderRpcs } from './provider-rpcs';

/** The value go-plugin hands every Terraform provider, to tell a plugin start from a user running it by hand. */
export const MAGIC_COOKIE_KEY = 'TF_PLUGIN_MAGIC_COOKIE';
export const MAGIC_COOKIE_VALUE = 'd602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2';
const PROTOCOL_VERSION = 6;

export interface PluginIo {
  /** The handshake line goes here, and nothing else ever does: the engine reads stdout for it. */
  readonly stdout: NodeJS.WritableStream;
  readonly log: (line: string) => void;
  readonly exit: (code: number) => void;
}

/**
 * Serves the provider the way go-plugin expects: checks the cookie and protocol version, listens on a
 * Unix socket with TLS that accepts only the client certificate the engine offered (AutoMTLS), writes the
 * handshake line, and exits promptly when the engine says so or goes away.
 */
export async function servePlugin(provider: ProviderDefinition, env: NodeJS.ProcessEnv, io: PluginIo): Promise<void> {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    io.log(`This is a Terraform provider plugin of cdktf-s3-admin: the engine runs it (see ${provider.documentation}); it is not run by hand.`);
    return io.exit(1);
  }
  const offered = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(PROTOCOL_VERSION)).split(',').map(Number);
  if (!offered.includes(PROTOCOL_VERSION)) {
    io.log(`the engine offers plugin protocol versions ${offered.join(', ')}; this provider speaks ${PROTOCOL_VERSION} (Terraform >= 1.0, OpenTofu >= 1.6)`);
    return io.exit(1);
  }

  const rpcs = new ProviderRpcs(provider, env, (m) => io.log(`[s3admin] ${m}`));
  const server = new grpc.Server({ 'grpc.max_receive_message_length': 256 * 1024 * 1024, 'grpc.max_send_message_length': 256 * 1024 * 1024 });
  const openStreams = new Set<grpc.ServerWritableStream<unknown, unknown> | grpc.ServerDuplexStream<unknown, unknown>>();
  const socket = path.join(os.tmpdir(), `s3admin-${process.pid}-${randomBytes(4).toString('hex')}.sock`);
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    // open streams hold the server's graceful shutdown, and a plugin still running after two seconds is
    // killed by the engine: end them, close the admin connections, and leave
    for (const stream of openStreams) stream.end();
    rpcs.close();
    server.forceShutdown();
    fs.rmSync(socket, { force: true });
    io.exit(0);
  };

  server.addService(PROVIDER_SERVICE, unaryHandlers(rpcs, io.log));
  server.addService(CONTROLLER_SERVICE, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      setImmediate(shutdown);
    },
  });
  server.addService(STDIO_SERVICE, { StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => openStreams.add(call) });
  server.addService(BROKER_SERVICE, {
    StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      openStreams.add(call);
      call.on('data', () => undefined);
      call.on('end', () => openStreams.delete(call));
    },
  });

  const certificate = env.PLUGIN_CLIENT_CERT ? createServerCertificate() : undefined;
  const credentials = certificate
    ? grpc.ServerCredentials.createSsl(Buffer.from(env.PLUGIN_CLIENT_CERT!), [{ cert_chain: Buffer.from(certificate.certPem), private_key: Buffer.from(certificate.keyPem) }], true)
    : grpc.ServerCredentials.createInsecure();
  await new Promise<void>((resolve, reject) => server.bindAsync(`unix://${socket}`, credentials, (e) => (e ? reject(e) : resolve())));

  // Ctrl-C reaches the whole process group; the engine turns it into StopProvider, and dying here would cut
  // an apply short between two calls
  process.on('SIGINT', () => undefined);
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) shutdown();
  }, 1000).unref();

  io.stdout.write(`1|${PROTOCOL_VERSION}|unix|${socket}|grpc${certificate ? `|${certificate.handshakeCert}` : ''}\n`);
}

type Rpc = keyof ProviderRpcs;

/** Every RPC of ProviderRpcs as a gRPC unary handler; an unexpected throw becomes a gRPC error, logged. */
function unaryHandlers(rpcs: ProviderRpcs, log: (line: string) => void): grpc.UntypedServiceImplementation {
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const method of Object.keys(PROVIDER_SERVICE)) {
    const rpc = (rpcs as unknown as Record<string, ((request: unknown) => unknown) | undefined>)[method as Rpc];
    if (typeof rpc !== 'function') continue;
    handlers[method] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      Promise.resolve()
        .then(() => rpc.call(rpcs, call.request))
        .then(
          (response) => callback(null, response),
          (e: Error) => {
            log(`[s3admin] ${method} failed: ${e.stack ?? e.message}`);
            callback({ code: grpc.status.INTERNAL, details: `${method}: ${e.message}` });
          },
        );
    };
  }
  return handlers;
}
