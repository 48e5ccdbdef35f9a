import { CredentialsError, loadCredentials } from '../admin-api/credentials';
import { defaultCredentialSource } from '../admin-api/endpoint-rules';
import { SignedHttpClient, SigningVersion } from '../admin-api/signed-http-client';
import { CliError } from './exit-codes';
import { Timeouts } from './timeouts';

export const ADMIN_TARGETS = ['rgw', 'ostor', 'versity'] as const;

export type AdminTarget = (typeof ADMIN_TARGETS)[number];

/** What `adopt --target` needs to know of each system: as its endpoint construct names and signs it. */
export const TARGET_INFO: Readonly<Record<AdminTarget, { title: string; envPrefix: string; signing: SigningVersion; endpointClass: string; stackClass: string }>> = {
  rgw: { title: 'Ceph RGW', envPrefix: 'RGW', signing: 'v4', endpointClass: 'RgwEndpoint', stackClass: 'AdoptedRgwStack' },
  // ostor's own s3_curl signs with V2, and so does OstorEndpoint unless told otherwise
  ostor: { title: 'ostor', envPrefix: 'OSTOR', signing: 'v2', endpointClass: 'OstorEndpoint', stackClass: 'AdoptedOstorStack' },
  versity: { title: 'VersityGW', envPrefix: 'VERSITY', signing: 'v4', endpointClass: 'VersityEndpoint', stackClass: 'AdoptedVersityStack' },
};

export interface AdminConnection {
  readonly http: SignedHttpClient;
  /** The key the scan signs with: the account it runs as is not adopted. */
  readonly adminAccessKeyId: string;
}

/**
 * A client of the target's admin API, with the admin credentials from the variables its endpoint construct
 * reads by default (RGW_ADMIN_ACCESS_KEY, ...), and the command's limits on every call.
 */
export function adminConnection(target: AdminTarget, endpoint: string, env: NodeJS.ProcessEnv, timeouts: Timeouts): AdminConnection {
  let credentials;
  try {
    credentials = loadCredentials(defaultCredentialSource(TARGET_INFO[target].envPrefix), env);
  } catch (e) {
    if (e instanceof CredentialsError) throw new CliError('failed', e.message.replace(/ in the environment that runs the deploy$/, ' in the environment'));
    throw e;
  }
  const http = new SignedHttpClient({
    endpoint,
    credentials,
    signing: TARGET_INFO[target].signing,
    timeoutMs: timeouts.requestMs,
    retry: { maxAttempts: timeouts.maxAttempts, baseDelayMs: 200, maxDelayMs: 2_000 },
  });
  return { http, adminAccessKeyId: credentials.accessKeyId };
}
