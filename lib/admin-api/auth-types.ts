/*
 * How an admin API authenticates, in terms the constructs synthesize: no Node.js types here, so the
 * package's public declarations compile in an app that has no @types/node.
 */

/** `v4`: AWS Signature V4 (RGW, VersityGW, newer ostor); `v2`: HMAC-SHA1 (what ostor's own s3_curl sends). */
export type SigningVersion = 'v4' | 'v2';

export interface AdminCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * Where a target's admin credentials come from at apply time. Only these variable names are synthesized,
 * never the values.
 */
export interface CredentialSource {
  /** Variable that holds the admin access key id. */
  readonly accessKeyEnv: string;
  /** Variable that holds the admin secret key. */
  readonly secretKeyEnv: string;
  /**
   * Variable that names a JSON file `{"accessKeyId": "...", "secretAccessKey": "..."}`, read when the two
   * variables above are not set (for secrets mounted as files in a pipeline).
   */
  readonly credentialsFileEnv?: string;
}

/** Where a token-authorized API's admin token comes from at apply time (only the variable names are synthesized). */
export interface TokenSource {
  /** Variable that holds the token. */
  readonly tokenEnv: string;
  /** Variable that names a file holding the token (read when the first is not set). */
  readonly tokenFileEnv?: string;
}
