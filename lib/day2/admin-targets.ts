import { CredentialsError, loadCredentials, loadToken } from '../admin-api/credentials';
import { defaultCredentialSource, defaultTokenSource } from '../admin-api/endpoint-rules';
import { SignedHttpClient, SigningVersion } from '../admin-api/signed-http-client';
import { CliError } from './exit-codes';
import { Timeouts } from './timeouts';

export const ADMIN_TARGETS = ['rgw', 'ostor', 'versity', 'storj'] as const;

export type AdminTarget = (typeof ADMIN_TARGETS)[number];

interface TargetInfo {
  readonly title: string;
  readonly envPrefix: string;
  /** How requests are authenticated: signed with a key pair (V2 or V4), or with a raw token (Storj). */
  readonly auth: SigningVersion | 'token';
  readonly endpointClass: string;
  readonly stackClass: string;
}

/** What `adopt --target` needs to know of each system: as its endpoint construct names and signs it. */
export const TARGET_INFO: Readonly<Record<AdminTarget, TargetInfo>> = {
  rgw: { title: 'Ceph RGW', envPrefix: 'RGW', auth: 'v4', endpointClass: 'RgwEndpoint', stackClass: 'AdoptedRgwStack' },
  // ostor's own s3_curl signs with V2, and so does OstorEndpoint unless told otherwise
  ostor: { title: 'ostor', envPrefix: 'OSTOR', auth: 'v2', endpointClass: 'OstorEndpoint', stackClass: 'AdoptedOstorStack' },
  versity: { title: 'VersityGW', envPrefix: 'VERSITY', auth: 'v4', endpointClass: 'VersityEndpoint', stackClass: 'AdoptedVersityStack' },
  storj: { title: 'Storj satellite', envPrefix: 'STORJ', auth: 'token', endpointClass: 'StorjEndpoint', stackClass: 'AdoptedStorjStack' },
};

/** The variables the target's admin credentials are read from, as a phrase for messages and comments. */
export function credentialVariables(target: AdminTarget): string {
  const { envPrefix, auth } = TARGET_INFO[target];
  if (auth === 'token') {
    const token = defaultTokenSource(envPrefix);
    return `${token.tokenEnv} (or ${token.tokenFileEnv})`;
  }
  const credentials = defaultCredentialSource(envPrefix);
  return `${credentials.accessKeyEnv} and ${credentials.secretKeyEnv} (or ${credentials.credentialsFileEnv})`;
}

export interface AdminConnection {
  readonly http: SignedHttpClient;
  /** The key the scan signs with, whose account is not adopted; empty for a token. */
  readonly adminAccessKeyId: string;
}

/**
 * A client of the target's admin API, with the admin credentials from the variables its endpoint construct
 * reads by default (RGW_ADMIN_ACCESS_KEY, STORJ_ADMIN_TOKEN, ...), and the command's limits on every call.
 */
export function adminConnection(target: AdminTarget, endpoint: string, env: NodeJS.ProcessEnv, timeouts: Timeouts): AdminConnection {
  const { envPrefix, auth } = TARGET_INFO[target];
  const limits = { endpoint, timeoutMs: timeouts.requestMs, retry: { maxAttempts: timeouts.maxAttempts, baseDelayMs: 200, maxDelayMs: 2_000 } };
  try {
    if (auth === 'token') return { http: new SignedHttpClient({ ...limits, token: loadToken(defaultTokenSource(envPrefix), env) }), adminAccessKeyId: '' };
    const credentials = loadCredentials(defaultCredentialSource(envPrefix), env);
    return { http: new SignedHttpClient({ ...limits, credentials, signing: auth }), adminAccessKeyId: credentials.accessKeyId };
  } catch (e) {
    if (e instanceof CredentialsError) throw new CliError('failed', e.message.replace(/ in the environment that runs the deploy$/, ' in the environment'));
    throw e;
  }
}
