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

/** Where a token-authorized API's admin token comes from at apply time (only the variable names are synthesized). */
export interface TokenSource {
  /** Variable that holds the token. */
  readonly tokenEnv: string;
  /** Variable that names a file holding the token (read when the first is not set). */
  readonly tokenFileEnv?: string;
}

/** Reads an admin token; errors name the variables, never a value. */
export function loadToken(source: TokenSource, env: NodeJS.ProcessEnv = process.env): string {
  const token = env[source.tokenEnv];
  if (token) return token;
  const file = source.tokenFileEnv ? env[source.tokenFileEnv] : undefined;
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw new CredentialsError(`cannot read the token file named by ${source.tokenFileEnv} (${file}): ${(e as NodeJS.ErrnoException).code ?? 'read error'}`);
    }
    if (text) return text;
    throw new CredentialsError(`the token file named by ${source.tokenFileEnv} (${file}) is empty`);
  }
  const fileHint = source.tokenFileEnv ? `, or ${source.tokenFileEnv} to a file that holds it` : '';
  throw new CredentialsError(`admin token missing: set ${source.tokenEnv}${fileHint} in the environment that runs the deploy`);
}
