import { ConfigOf, string } from './attribute';

/**
 * Where the provider is registered: a hostname of the project's own, so that Terraform and OpenTofu both
 * look for it in the same implied local mirror (`terraform.d/plugins/<host>/<namespace>/<type>/...`) that
 * synth writes into every stack; the `.invalid` top-level domain never resolves, so nothing is ever asked
 * of a network registry.
 */
export const PROVIDER_HOST = 'cdktf-s3-admin.invalid';
export const PROVIDER_NAMESPACE = 's3-admin';
export const PROVIDER_TYPE = 's3admin';
export const PROVIDER_SOURCE = `${PROVIDER_HOST}/${PROVIDER_NAMESPACE}/${PROVIDER_TYPE}`;

/**
 * One provider configuration per admin endpoint. Only the names of the variables that hold the admin
 * credentials are configured: the values are read from the environment (or a file) when the engine runs.
 */
export const PROVIDER_CONFIG = {
  endpoint: string('optional', 'Base URL of the admin API, such as https://rgw.example.com; none for resources that call AWS itself.'),
  region: string('optional', 'Region in the signature scope (default us-east-1).'),
  signing: string('optional', 'Signature version: v4 (default) or v2.'),
  access_key_env: string('optional', 'Variable holding the admin access key id.'),
  secret_key_env: string('optional', 'Variable holding the admin secret key.'),
  credentials_file_env: string('optional', 'Variable naming a JSON file with accessKeyId and secretAccessKey, read when the two variables are not set.'),
  token_env: string('optional', 'Variable holding the admin token, for APIs that take one instead of a signature (Storj).'),
  token_file_env: string('optional', 'Variable naming a file that holds the admin token, read when token_env is not set.'),
  path_prefix: string('optional', 'Path of the admin API under the endpoint (Storj: /legacy/api on current satellites, /api on older ones).'),
} as const;

export type ProviderConfig = ConfigOf<typeof PROVIDER_CONFIG>;
