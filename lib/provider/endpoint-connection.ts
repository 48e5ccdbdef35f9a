import { CredentialSource, loadCredentials, loadToken } from '../admin-api/credentials';
import { SignedHttpClient, SignedHttpClientOptions, SigningVersion } from '../admin-api/signed-http-client';
import { ProviderConfig } from '../schema/provider-config';

/**
 * The admin endpoint of one provider configuration. Connections are kept alive and shared by every
 * operation of the process; the admin credentials are read on first use, from the environment that runs
 * the engine, so a configuration that only plans AWS resources never needs them.
 */
export class EndpointConnection {
  private readonly clients: SignedHttpClient[] = [];
  private admin?: { http: SignedHttpClient; accessKeyId: string };

  constructor(
    private readonly config: ProviderConfig,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: (message: string) => void,
  ) {}

  get url(): string {
    if (!this.config.endpoint) throw new Error("the provider configuration has no 'endpoint': this resource needs an admin API");
    return this.config.endpoint;
  }

  /** A client signing as the admin account. */
  get http(): SignedHttpClient {
    return this.adminClient().http;
  }

  /** The admin account's key id (for instance, the account a released bucket goes back to). */
  get adminAccessKeyId(): string {
    return this.adminClient().accessKeyId;
  }

  /** Where the admin API lives under the endpoint ('' when at its root). */
  get pathPrefix(): string {
    return this.config.path_prefix ?? '';
  }

  /** The process's environment, for operations that use the AWS SDK's own credential chain. */
  get environment(): NodeJS.ProcessEnv {
    return this.env;
  }

  /** A client for the same endpoint signing with other credentials (a bucket owner's key). */
  clientAs(accessKeyId: string, secretAccessKey: string): SignedHttpClient {
    return this.client({ credentials: { accessKeyId, secretAccessKey } });
  }

  private client(auth: Pick<SignedHttpClientOptions, 'credentials' | 'token'>): SignedHttpClient {
    const client = new SignedHttpClient({
      endpoint: this.url,
      region: this.config.region,
      signing: (this.config.signing as SigningVersion | undefined) ?? 'v4',
      ...auth,
      hooks: { onRetry: (e, attempt, ms) => this.log(`retry ${attempt} in ${ms} ms after: ${e.message}`) },
    });
    this.clients.push(client);
    return client;
  }

  close(): void {
    for (const client of this.clients.splice(0)) client.close();
    this.admin = undefined;
  }

  private adminClient() {
    if (!this.admin && this.config.token_env) {
      const token = loadToken({ tokenEnv: this.config.token_env, tokenFileEnv: this.config.token_file_env }, this.env);
      this.admin = { http: this.client({ token }), accessKeyId: '' };
    }
    if (!this.admin) {
      const credentials = loadCredentials(this.credentialSource(), this.env);
      this.admin = { http: this.clientAs(credentials.accessKeyId, credentials.secretAccessKey), accessKeyId: credentials.accessKeyId };
    }
    return this.admin;
  }

  private credentialSource(): CredentialSource {
    const { access_key_env, secret_key_env, credentials_file_env } = this.config;
    if (!access_key_env || !secret_key_env) {
      throw new Error("the provider configuration names no admin credentials ('access_key_env', 'secret_key_env')");
    }
    return { accessKeyEnv: access_key_env, secretKeyEnv: secret_key_env, credentialsFileEnv: credentials_file_env };
  }
}
