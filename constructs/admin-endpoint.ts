import { CredentialSource } from '../lib/admin-api/credentials';
import { SigningVersion } from '../lib/admin-api/signed-http-client';
import { Construct } from 'constructs';
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
 * One endpoint is shared by all the constructs of that system.
 */
export abstract class AdminEndpoint {
  readonly spec: EndpointSpec;

  private readonly alias: string;

  protected constructor(props: AdminEndpointProps, envPrefix: string, signing: SigningVersion) {
    const broken = endpointUrlViolations(props.url);
    if (broken.length > 0) {
      throw new Error(`'url' of the ${envPrefix} endpoint is invalid, got ${JSON.stringify(redactUserinfo(props.url))}: ${broken.join('; ')}`);
    }
    this.spec = {
      url: props.url.replace(/\/+$/, ''),
      region: props.region,
      signing,
      credentials: props.credentials ?? {
        accessKeyEnv: `${envPrefix}_ADMIN_ACCESS_KEY`,
        secretKeyEnv: `${envPrefix}_ADMIN_SECRET_KEY`,
        credentialsFileEnv: `${envPrefix}_ADMIN_CREDENTIALS_FILE`,
      },
    };
    this.alias = props.name ?? `${envPrefix}_${new URL(props.url).host}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    if (!/^[a-z][a-z0-9_-]*$/.test(this.alias)) {
      throw new Error(`'name' of the ${envPrefix} endpoint is invalid, got ${JSON.stringify(this.alias)}: must start with a lowercase letter, then lowercase letters, digits, _ or -`);
    }
  }

  /** This endpoint's configuration of the s3admin provider in the stack of `scope`. */
  providerIn(scope: Construct): S3AdminProvider {
    const { url, region, signing, credentials } = this.spec;
    return providerIn(scope, this.alias, {
      endpoint: url,
      region,
      signing,
      access_key_env: credentials.accessKeyEnv,
      secret_key_env: credentials.secretKeyEnv,
      credentials_file_env: credentials.credentialsFileEnv,
    });
  }
}

/**
 * The admin APIs are addressed at the host's root, and the URL is synthesized into cdk.tf.json: a path would
 * be dropped and credentials in it would be published.
 */
function endpointUrlViolations(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ['must be an absolute http(s) URL'];
  }
  const broken: string[] = [];
  if (url.protocol !== 'http:' && url.protocol !== 'https:') broken.push(`must use http or https, not ${url.protocol.replace(/:$/, '')}`);
  if (url.username || url.password) broken.push('must not carry credentials: admin credentials come from the environment at deploy time');
  if (url.pathname !== '/' || url.search || url.hash) broken.push('must be the server root, without a path, query or fragment');
  return broken;
}

function redactUserinfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}

/** A Ceph RADOS Gateway; admin credentials from `RGW_ADMIN_ACCESS_KEY` / `RGW_ADMIN_SECRET_KEY` by default. */
export class RgwEndpoint extends AdminEndpoint {
  constructor(props: AdminEndpointProps) {
    super(props, 'RGW', 'v4');
  }
}

export interface OstorEndpointProps extends AdminEndpointProps {
  /** ostor's own `s3_curl` signs with V2; newer releases also accept V4. @default 'v2' */
  readonly signing?: SigningVersion;
}

/** An ostor S3 cluster's admin API; admin credentials from `OSTOR_ADMIN_ACCESS_KEY` / `OSTOR_ADMIN_SECRET_KEY` by default. */
export class OstorEndpoint extends AdminEndpoint {
  constructor(props: OstorEndpointProps) {
    super(props, 'OSTOR', props.signing ?? 'v2');
  }
}

/** A VersityGW admin port; admin credentials from `VERSITY_ADMIN_ACCESS_KEY` / `VERSITY_ADMIN_SECRET_KEY` by default. */
export class VersityEndpoint extends AdminEndpoint {
  constructor(props: AdminEndpointProps) {
    super(props, 'VERSITY', 'v4');
  }
}
