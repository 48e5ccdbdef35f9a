import { CredentialSource, SigningVersion, TokenSource } from '../lib/admin-api/auth-types';
import { defaultCredentialSource, defaultTokenSource, endpointUrlViolations, redactUserinfo, STORJ_API_PREFIXES, StorjApiLayout } from '../lib/admin-api/endpoint-rules';
import { Construct } from 'constructs';
import { ProviderConfig } from '../lib/schema/provider-config';
import { providerIn, S3AdminProvider } from '../lib/synth/s3admin-provider';

export interface AdminEndpointProps {
  /** The admin API's base URL, such as `https://rgw.example.com` (RGW, ostor) or `http://gw:7070` (VersityGW admin port). */
  readonly url: string;
  /** Region in the signature's scope. @default 'us-east-1' */
  readonly region?: string;
  /**
   * Names of the variables that hold the admin credentials when `cdktf deploy` runs. Only the names are
   * synthesized.
   * @default - `<PREFIX>_ADMIN_ACCESS_KEY`, `<PREFIX>_ADMIN_SECRET_KEY` and `<PREFIX>_ADMIN_CREDENTIALS_FILE`
   */
  readonly credentials?: CredentialSource;
  /**
   * The alias of this endpoint's provider configuration in the synthesized stack. Resources are bound to it
   * in the state: keep it when the URL changes.
   * @default - the kind and host, such as `rgw_rgw_example_com`
   */
  readonly name?: string;
}

/** Where an admin API is and how to reach it: what an endpoint's provider configuration is made from. */
export interface EndpointSpec {
  readonly url: string;
  readonly region?: string;
  readonly signing?: SigningVersion;
  readonly credentials: CredentialSource;
}

/**
 * A storage system's admin API: where it is and where its admin credentials come from at apply time.
 * One endpoint is shared by all the constructs of that system, and is one configuration of the s3admin
 * provider in each stack that uses it.
 */
export abstract class AdminEndpoint {
  /** The URL without a trailing slash. */
  readonly url: string;
  private readonly alias: string;

  protected constructor(url: string, name: string | undefined, kind: string) {
    const broken = endpointUrlViolations(url);
    if (broken.length > 0) {
      throw new Error(`'url' of the ${kind} endpoint is invalid, got ${JSON.stringify(redactUserinfo(url))}: ${broken.join('; ')}`);
    }
    this.url = url.replace(/\/+$/, '');
    this.alias = name ?? `${kind}_${new URL(url).host}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    if (!/^[a-z][a-z0-9_-]*$/.test(this.alias)) {
      throw new Error(`'name' of the ${kind} endpoint is invalid, got ${JSON.stringify(this.alias)}: must start with a lowercase letter, then lowercase letters, digits, _ or -`);
    }
  }

  /** This endpoint's configuration of the s3admin provider in the stack of `scope`. */
  providerIn(scope: Construct): S3AdminProvider {
    return providerIn(scope, this.alias, this.providerConfig());
  }

  protected abstract providerConfig(): ProviderConfig;
}

/** An admin API whose calls are signed with an admin key pair (SigV4 or SigV2). */
export abstract class SignedEndpoint extends AdminEndpoint {
  readonly spec: EndpointSpec;

  protected constructor(props: AdminEndpointProps, envPrefix: string, signing: SigningVersion) {
    super(props.url, props.name, envPrefix);
    this.spec = {
      url: this.url,
      region: props.region,
      signing,
      credentials: props.credentials ?? defaultCredentialSource(envPrefix),
    };
  }

  protected providerConfig(): ProviderConfig {
    const { url, region, signing, credentials } = this.spec;
    return {
      endpoint: url,
      region,
      signing,
      access_key_env: credentials.accessKeyEnv,
      secret_key_env: credentials.secretKeyEnv,
      credentials_file_env: credentials.credentialsFileEnv,
    };
  }
}

/** A Ceph RADOS Gateway; admin credentials from `RGW_ADMIN_ACCESS_KEY` / `RGW_ADMIN_SECRET_KEY` by default. */
export class RgwEndpoint extends SignedEndpoint {
  constructor(props: AdminEndpointProps) {
    super(props, 'RGW', 'v4');
  }
}

export interface OstorEndpointProps extends AdminEndpointProps {
  /** ostor's own `s3_curl` signs with V2; newer releases also accept V4. @default 'v2' */
  readonly signing?: SigningVersion;
}

/** An ostor S3 cluster's admin API; admin credentials from `OSTOR_ADMIN_ACCESS_KEY` / `OSTOR_ADMIN_SECRET_KEY` by default. */
export class OstorEndpoint extends SignedEndpoint {
  constructor(props: OstorEndpointProps) {
    super(props, 'OSTOR', props.signing ?? 'v2');
  }
}

/** A VersityGW admin port; admin credentials from `VERSITY_ADMIN_ACCESS_KEY` / `VERSITY_ADMIN_SECRET_KEY` by default. */
export class VersityEndpoint extends SignedEndpoint {
  constructor(props: AdminEndpointProps) {
    super(props, 'VERSITY', 'v4');
  }
}

export type { StorjApiLayout };

export interface StorjEndpointProps {
  /** The satellite's admin address, such as `https://satellite-admin.example.com`. */
  readonly url: string;
  /** Which path layout the satellite serves. @default 'legacy' */
  readonly apiLayout?: StorjApiLayout;
  /**
   * Names of the variables that hold the admin token (the satellite's `console.auth-token`) when the deploy
   * runs. Only the names are synthesized.
   * @default - `STORJ_ADMIN_TOKEN`, or a file named by `STORJ_ADMIN_TOKEN_FILE`
   */
  readonly token?: TokenSource;
  /** @default - `storj_` and the host */
  readonly name?: string;
}

/** A Storj satellite's admin API; the token is sent as is in `Authorization`. */
export class StorjEndpoint extends AdminEndpoint {
  readonly apiLayout: StorjApiLayout;
  readonly token: TokenSource;

  constructor(props: StorjEndpointProps) {
    super(props.url, props.name, 'STORJ');
    const layout = props.apiLayout ?? 'legacy';
    if (!(layout in STORJ_API_PREFIXES)) throw new Error(`'apiLayout' of the STORJ endpoint is invalid, got ${JSON.stringify(layout)}: must be one of ${Object.keys(STORJ_API_PREFIXES).join(', ')}`);
    this.apiLayout = layout;
    this.token = props.token ?? defaultTokenSource('STORJ');
  }

  protected providerConfig(): ProviderConfig {
    return { endpoint: this.url, path_prefix: STORJ_API_PREFIXES[this.apiLayout], token_env: this.token.tokenEnv, token_file_env: this.token.tokenFileEnv };
  }
}
