import { CredentialSource } from '../lib/admin-api/credentials';
import { SigningVersion } from '../lib/admin-api/signed-http-client';
import { EndpointSpec } from '../lib/runtime/request';

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
}

/**
 * A storage system's admin API: where it is and where its admin credentials come from at apply time.
 * One endpoint is shared by all the constructs of that system.
 */
export abstract class AdminEndpoint {
  /** @internal the form the handler reads */
  readonly spec: EndpointSpec;

  protected constructor(props: AdminEndpointProps, envPrefix: string, signing: SigningVersion) {
    let url: URL;
    try {
      url = new URL(props.url);
    } catch {
      throw new Error(`'url' of the ${envPrefix} endpoint is invalid, got ${JSON.stringify(props.url)}: must be an absolute http(s) URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new Error(`'url' of the ${envPrefix} endpoint must use http or https, got ${JSON.stringify(props.url)}`);
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
  }
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
