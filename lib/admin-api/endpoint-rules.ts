import type { CredentialSource, TokenSource } from './auth-types';

/*
 * Rules an admin endpoint follows wherever it is named: by a construct (RgwEndpoint, OstorEndpoint,
 * VersityEndpoint) and by `s3-admin adopt --target`. Kept here, free of cdktf, so that both use one copy.
 */

/** The variables that hold a target's admin credentials unless others are named: `<PREFIX>_ADMIN_ACCESS_KEY`, ... */
/** Where a Storj satellite serves its admin API: `legacy` (`/legacy/api`, satellites since about v1.145) or `api` (`/api`, older ones). */
export type StorjApiLayout = 'legacy' | 'api';

export const STORJ_API_PREFIXES: Record<StorjApiLayout, string> = { legacy: '/legacy/api', api: '/api' };

/** Where a Storj endpoint reads its admin token unless told otherwise. */
export function defaultTokenSource(envPrefix: string): TokenSource {
  return { tokenEnv: `${envPrefix}_ADMIN_TOKEN`, tokenFileEnv: `${envPrefix}_ADMIN_TOKEN_FILE` };
}

export function defaultCredentialSource(envPrefix: string): CredentialSource {
  return {
    accessKeyEnv: `${envPrefix}_ADMIN_ACCESS_KEY`,
    secretKeyEnv: `${envPrefix}_ADMIN_SECRET_KEY`,
    credentialsFileEnv: `${envPrefix}_ADMIN_CREDENTIALS_FILE`,
  };
}

/**
 * The admin APIs are addressed at the host's root, and the URL is synthesized into cdk.tf.json: a path would
 * be dropped and credentials in it would be published.
 */
export function endpointUrlViolations(value: string): string[] {
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

/** The URL as it may be shown: credentials in it are masked. */
export function redactUserinfo(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1***@');
}
