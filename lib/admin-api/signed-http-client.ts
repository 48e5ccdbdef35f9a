import * as http from 'node:http';
import * as https from 'node:https';
import { SignatureV4 } from '@smithy/signature-v4';
import { AdminApiError, TransportError } from './admin-api-error';
import { AdminCredentials, SigningVersion } from './auth-types';
import { parseErrorBody } from './error-body';
import { DEFAULT_RETRY_POLICY, parseRetryAfterMs, RetryHooks, RetryPolicy, withRetries } from './retry-policy';
import { Sha256 } from './sha256';
import { signV2 } from './sigv2';

export { SigningVersion };

export interface SignedHttpClientOptions {
  /** Base URL, such as `http://127.0.0.1:7480`. */
  readonly endpoint: string;
  /** The key pair requests are signed with; or, for APIs that take a bearer-style token (Storj), `token`. */
  readonly credentials?: AdminCredentials;
  /** Sent as the raw `Authorization` header, unsigned (the Storj satellite admin API). */
  readonly token?: string;
  /** @default 'v4' */
  readonly signing?: SigningVersion;
  /** Region in the V4 credential scope; RGW and VersityGW accept any. @default 'us-east-1' */
  readonly region?: string;
  /** One attempt's limit, in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
  /** @default DEFAULT_RETRY_POLICY */
  readonly retry?: RetryPolicy;
  readonly hooks?: RetryHooks;
  /** For tests: a fixed clock. */
  readonly now?: () => Date;
}

export interface SignedRequest {
  /** Names the call in errors and progress lines, such as `RGW create user alice`. */
  readonly operation: string;
  readonly method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'PATCH' | 'HEAD';
  readonly path: string;
  /** Bare flags such as `?key` are given as `key: ''`. */
  readonly query?: Record<string, string>;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

export interface HttpResult {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** RFC 3986 encoding, the one both signature versions expect on the wire. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Sorted, so that the wire form equals the canonical form the signature covers. */
export function canonicalQueryString(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((k) => `${encodeRfc3986(k)}=${encodeRfc3986(query[k])}`)
    .join('&');
}

/**
 * The one HTTP client of every admin API: signs each attempt anew (a retried request needs a fresh date),
 * keeps connections alive, retries what may be retried, and turns error answers into `AdminApiError`s that
 * carry the API's own code and message.
 */
export class SignedHttpClient {
  private readonly url: URL;
  private readonly transport: typeof http | typeof https;
  private readonly agent: http.Agent;
  private readonly signer: SignatureV4;
  private readonly retry: RetryPolicy;

  constructor(private readonly options: SignedHttpClientOptions) {
    this.url = new URL(options.endpoint);
    this.transport = this.url.protocol === 'https:' ? https : http;
    this.agent = new this.transport.Agent({ keepAlive: true });
    this.retry = options.retry ?? DEFAULT_RETRY_POLICY;
    if (!options.credentials && options.token === undefined) throw new Error('SignedHttpClient needs credentials or a token');
    this.signer = new SignatureV4({
      credentials: options.credentials ?? { accessKeyId: '', secretAccessKey: '' },
      region: options.region ?? 'us-east-1',
      service: 's3',
      sha256: Sha256,
      // S3-style services sign the path as sent, without a second round of escaping
      uriEscapePath: false,
    });
  }

  /** Sends the request (with retries); resolves with any 2xx or 3xx answer, throws `AdminApiError` otherwise. */
  async send(request: SignedRequest): Promise<HttpResult> {
    return withRetries(() => this.attempt(request), this.retry, this.options.hooks);
  }

  /**
   * Sends a call that must not simply be sent again: an answer lost on the way (a reset, a gateway timeout)
   * may hide that the server acted, and a second arrival would make a second key, or be refused because
   * the user now exists. Before each retry `findDone` looks for what the lost attempt would have made; what
   * it finds is the result.
   */
  async sendNotRepeatable<T>(request: SignedRequest, parse: (result: HttpResult) => T, findDone: () => Promise<T | undefined>): Promise<T> {
    return withRetries(
      async (attempt) => {
        const done = attempt > 1 ? await findDone() : undefined;
        return done ?? parse(await this.attempt(request));
      },
      this.retry,
      this.options.hooks,
    );
  }

  /**
   * The same for a call with no result to keep (a removal, or a creation whose answer says nothing new):
   * before a retry, `isDone` tells whether the lost attempt already removed or made the object.
   */
  async sendUnlessDone(request: SignedRequest, isDone: () => Promise<boolean>): Promise<void> {
    await this.sendNotRepeatable(request, () => true, async () => ((await isDone()) ? true : undefined));
  }

  close(): void {
    this.agent.destroy();
  }

  private async attempt(request: SignedRequest): Promise<HttpResult> {
    const headers = await this.sign(request);
    const query = canonicalQueryString(request.query ?? {});
    const result = await this.transmit(request, headers, query);
    if (result.status >= 400) {
      const parsed = parseErrorBody(result.body);
      const retryAfter = result.headers['retry-after'];
      throw new AdminApiError(
        request.operation,
        result.status,
        parsed.code ?? http.STATUS_CODES[result.status] ?? 'UnknownError',
        parsed.message ?? '',
        parsed.requestId,
        parseRetryAfterMs(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter, this.retry),
      );
    }
    return result;
  }

  private async sign(request: SignedRequest): Promise<Record<string, string>> {
    const body = request.body ?? '';
    const base: Record<string, string> = {
      ...(request.headers ?? {}),
      host: this.url.host,
      'x-amz-content-sha256': await sha256Hex(body),
    };
    if (body) base['content-length'] = String(Buffer.byteLength(body));
    if (this.options.token !== undefined) return { ...base, authorization: this.options.token };
    const now = this.options.now?.() ?? new Date();
    if ((this.options.signing ?? 'v4') === 'v2') {
      return signV2({ method: request.method, path: request.path, query: request.query ?? {}, headers: base }, this.options.credentials!, now);
    }
    const signed = await this.signer.sign(
      {
        method: request.method,
        protocol: this.url.protocol,
        hostname: this.url.hostname,
        port: this.url.port ? Number(this.url.port) : undefined,
        path: request.path,
        query: request.query ?? {},
        headers: base,
        body,
      },
      { signingDate: now },
    );
    return signed.headers;
  }

  private transmit(request: SignedRequest, headers: Record<string, string>, query: string): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
      const req = this.transport.request(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          method: request.method,
          path: request.path + (query ? `?${query}` : ''),
          headers,
          agent: this.agent,
          timeout: this.options.timeoutMs ?? 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(request.operation, e.code ?? 'ECONNRESET', e.message)));
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('no answer in time'), { code: 'ETIMEDOUT' })));
      req.on('error', (e: NodeJS.ErrnoException) => reject(new TransportError(request.operation, e.code ?? 'ECONNRESET', e.message)));
      req.end(request.body);
    });
  }
}

async function sha256Hex(body: string): Promise<string> {
  const hash = new Sha256();
  hash.update(body);
  return Buffer.from(await hash.digest()).toString('hex');
}
