import * as fs from 'node:fs';

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

export class CredentialsError extends Error {
  override name = 'CredentialsError';
}

/** Reads the admin credentials; errors name the variables to set, never a value. */
export function loadCredentials(source: CredentialSource, env: NodeJS.ProcessEnv = process.env): AdminCredentials {
  const accessKeyId = env[source.accessKeyEnv];
  const secretAccessKey = env[source.secretKeyEnv];
  if (accessKeyId && secretAccessKey) return { accessKeyId, secretAccessKey };
  const file = source.credentialsFileEnv ? env[source.credentialsFileEnv] : undefined;
  if (file) return readCredentialsFile(file, source.credentialsFileEnv!);
  const fileHint = source.credentialsFileEnv ? `, or ${source.credentialsFileEnv} to a credentials file` : '';
  throw new CredentialsError(
    `admin credentials missing: set ${source.accessKeyEnv} and ${source.secretKeyEnv}${fileHint} in the environment that runs the deploy`,
  );
}

function readCredentialsFile(file: string, variable: string): AdminCredentials {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new CredentialsError(`cannot read the credentials file named by ${variable} (${file}): ${(e as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
  let parsed: Partial<AdminCredentials>;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text around the fault, which here would be a secret
    throw new CredentialsError(`the credentials file named by ${variable} (${file}) is not valid JSON`);
  }
  if (!parsed.accessKeyId || !parsed.secretAccessKey) {
    throw new CredentialsError(`the credentials file named by ${variable} (${file}) needs "accessKeyId" and "secretAccessKey"`);
  }
  return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
}
