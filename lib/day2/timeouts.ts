import { UsageError } from './exit-codes';

/** How long one call may take and how often it is tried: every AWS and admin API call of `s3-admin` is bounded by it. */
export interface Timeouts {
  /** Limit of one attempt: the whole request and answer (AWS), or the silence on the connection (admin APIs). */
  readonly requestMs: number;
  /** Limit of the TCP (and TLS) connection phase. */
  readonly connectMs: number;
  /** Attempts per call, the first included; throttling, server errors and timeouts are retried. */
  readonly maxAttempts: number;
}

export const TIMEOUT_ENV = 'S3ADMIN_REQUEST_TIMEOUT_MS';

export const DEFAULT_TIMEOUTS: Timeouts = { requestMs: 30_000, connectMs: 5_000, maxAttempts: 3 };

/** The defaults, with the request limit from S3ADMIN_REQUEST_TIMEOUT_MS when set (the connection limit never exceeds it). */
export function timeoutsFrom(env: NodeJS.ProcessEnv): Timeouts {
  const raw = env[TIMEOUT_ENV];
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUTS;
  const requestMs = Number(raw);
  if (!Number.isInteger(requestMs) || requestMs < 1) throw new UsageError(`${TIMEOUT_ENV} must be a whole number of milliseconds >= 1, got ${JSON.stringify(raw)}`);
  return { ...DEFAULT_TIMEOUTS, requestMs, connectMs: Math.min(DEFAULT_TIMEOUTS.connectMs, requestMs) };
}
