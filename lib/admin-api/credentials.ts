import * as fs from 'node:fs';
import { AdminCredentials, CredentialSource, TokenSource } from './auth-types';

export { AdminCredentials, CredentialSource, TokenSource };

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
