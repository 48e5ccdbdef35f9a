/** A failed admin API call, carrying the API's own error code and message (never a request body). */
export class AdminApiError extends Error {
  override name = 'AdminApiError';

  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly requestId?: string,
    /** The server's Retry-After, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`${operation} failed: HTTP ${status} ${code}${apiMessage ? `: ${apiMessage}` : ''}${requestId ? ` (request id ${requestId})` : ''}`);
  }
}

/** The transport failed before any HTTP answer (refused, reset, timed out). */
export class TransportError extends Error {
  override name = 'TransportError';

  constructor(readonly operation: string, readonly code: string, detail: string) {
    super(`${operation} failed: ${code}: ${detail}`);
  }
}

/** Runs a read; a 404 answer becomes undefined. */
export async function ifFound<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (e instanceof AdminApiError && e.status === 404) return undefined;
    throw e;
  }
}
