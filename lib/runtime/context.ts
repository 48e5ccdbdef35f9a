import { loadCredentials } from '../admin-api/credentials';
import { SignedHttpClient } from '../admin-api/signed-http-client';
import { Action, HandlerRequest } from './request';

/** What an operation gets: its request, a signed client for the admin API, secrets and a progress log. */
export interface OperationContext {
  readonly request: HandlerRequest;
  readonly action: Action;
  readonly http: SignedHttpClient;
  /** The admin account's key id (the account the handler acts as). */
  readonly adminAccessKeyId: string;
  readonly env: NodeJS.ProcessEnv;
  /** One progress line on stderr; never pass a secret. */
  log(message: string): void;
  /** A client for the same endpoint signing with other credentials (a bucket owner's key). */
  clientAs(accessKeyId: string, secretAccessKey: string): SignedHttpClient;
  /** A secret from its variable, or an error that names the variable. */
  secret(variable: string): string;
  /** Closes every connection the operation opened. */
  close(): void;
}

export function createContext(request: HandlerRequest, action: Action, env: NodeJS.ProcessEnv, log: (m: string) => void): OperationContext {
  const clients: SignedHttpClient[] = [];
  const connect = (accessKeyId: string, secretAccessKey: string) => {
    const client = new SignedHttpClient({
      endpoint: request.endpoint.url,
      region: request.endpoint.region,
      signing: request.endpoint.signing,
      credentials: { accessKeyId, secretAccessKey },
      hooks: { onRetry: (e, attempt, ms) => log(`retry ${attempt} in ${ms} ms after: ${e.message}`) },
    });
    clients.push(client);
    return client;
  };
  // read on first use: operations on AWS itself use the SDK's own credential chain instead
  let admin: { http: SignedHttpClient; accessKeyId: string } | undefined;
  const adminClient = () => {
    if (!admin) {
      const credentials = loadCredentials(request.endpoint.credentials, env);
      admin = { http: connect(credentials.accessKeyId, credentials.secretAccessKey), accessKeyId: credentials.accessKeyId };
    }
    return admin;
  };
  return {
    request,
    action,
    env,
    log,
    get http() {
      return adminClient().http;
    },
    get adminAccessKeyId() {
      return adminClient().accessKeyId;
    },
    clientAs: connect,
    secret(variable: string) {
      const value = env[variable];
      if (!value) throw new Error(`${variable} is not set: the ${action} of a ${request.kind} needs it`);
      return value;
    },
    close: () => clients.forEach((c) => c.close()),
  };
}
