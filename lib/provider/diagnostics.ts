import { AdminApiError, TransportError } from '../admin-api/admin-api-error';
import { CredentialsError } from '../admin-api/credentials';

/** What the engine shows the user for a failed or questionable operation. */
export interface Diagnostic {
  readonly severity: 'ERROR' | 'WARNING';
  readonly summary: string;
  readonly detail: string;
  /** The attribute it is about, as a path of names. */
  readonly attribute?: string[];
}

export const error = (summary: string, detail: string, attribute?: string[]): Diagnostic => ({ severity: 'ERROR', summary, detail, attribute });

/**
 * A failed operation in the user's terms: which object and operation, the API's own code and message, and
 * what to do. Messages of the admin clients never hold a secret (they name operations, codes and ids).
 */
export function operationFailed(what: string, operation: string, e: unknown): Diagnostic {
  const summary = `${what}: ${operation} failed`;
  if (e instanceof AdminApiError) {
    const requestId = e.requestId ? `, request id ${e.requestId}` : '';
    return error(summary, `${e.operation}: the API answered HTTP ${e.status} ${e.code}${e.apiMessage ? `: ${e.apiMessage}` : ''}${requestId}.\n${adviceFor(e)}`);
  }
  if (e instanceof TransportError) {
    return error(summary, `${e.message}.\nThe admin API could not be reached after retries: check the endpoint URL and that the server is up, then run the same command again; nothing is lost, the operation picks up where it stopped.`);
  }
  if (e instanceof CredentialsError) return error(summary, e.message);
  return error(summary, (e as Error)?.message ?? String(e));
}

function adviceFor(e: AdminApiError): string {
  if (e.status === 401 || e.status === 403) {
    return 'The admin credentials were refused: check the variables named in the provider configuration (access_key_env, secret_key_env) and the account\'s admin rights.';
  }
  if (e.status >= 500 || e.status === 429) return 'The server failed after retries: run the same command again once it is healthy; nothing is lost.';
  return 'Fix the declared value the message names, then run the same command again.';
}
