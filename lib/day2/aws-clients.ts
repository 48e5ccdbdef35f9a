import { CloudFrontClient } from '@aws-sdk/client-cloudfront';
import { IAMClient } from '@aws-sdk/client-iam';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { DEFAULT_TIMEOUTS, Timeouts } from './timeouts';

/** The region the SDK clients (and a stack's provider, at deploy) use when none is given. */
export function defaultRegion(): string {
  return process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
}

export interface AwsClients {
  readonly s3: S3Client;
  readonly iam: IAMClient;
  readonly cloudfront: CloudFrontClient;
  readonly route53: Route53Client;
}

/**
 * SDK clients with the standard retry mode (throttling and timeouts are retried with backoff) and a limit on
 * every attempt, so that no command waits forever on a server that accepts a connection and never answers.
 * Credentials, region and endpoint come from the usual AWS sources; `endpoint` (or AWS_ENDPOINT_URL) points
 * them at an emulator.
 */
export function awsClients(options: { endpoint?: string; region?: string; timeouts?: Timeouts } = {}): AwsClients {
  const endpoint = options.endpoint ?? process.env.AWS_ENDPOINT_URL;
  const { requestMs, connectMs, maxAttempts } = options.timeouts ?? DEFAULT_TIMEOUTS;
  const common = {
    region: options.region ?? defaultRegion(),
    retryMode: 'standard',
    maxAttempts,
    // the handler's options, not an instance: @smithy/node-http-handler is the SDK's, not a dependency of ours;
    // without throwOnRequestTimeout this handler version only logs a warning when requestTimeout passes
    requestHandler: { connectionTimeout: connectMs, requestTimeout: requestMs, throwOnRequestTimeout: true },
    ...(endpoint ? { endpoint } : {}),
  };
  return {
    // buckets live in many regions; the SDK retries a call in the bucket's own region instead of failing
    s3: new S3Client({ ...common, forcePathStyle: Boolean(endpoint), followRegionRedirects: true }),
    iam: new IAMClient(common),
    cloudfront: new CloudFrontClient(common),
    route53: new Route53Client(common),
  };
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);

/** Calls made for a report, and the IAM actions that were denied on the way (the report says which). */
export class Calls {
  readonly denied: string[] = [];
  count = 0;

  /**
   * Runs one API call (or, with `pages`, a paginated series that counts its own pages); a denied call is
   * recorded under its IAM action and yields undefined, and so does one whose error says "not there".
   */
  async run<T>(action: string, call: () => Promise<T>, absent: string[] = [], pages = false): Promise<T | undefined> {
    if (!pages) this.count++;
    try {
      return await call();
    } catch (e) {
      const name = (e as { name?: string }).name ?? '';
      if (DENIED.has(name)) {
        this.denied.push(action);
        return undefined;
      }
      if (absent.includes(name)) return undefined;
      throw e;
    }
  }

  /** Adds the calls and denials of a part of the work that kept its own count. */
  absorb(part: Calls): void {
    this.count += part.count;
    this.denied.push(...part.denied);
  }

  /** Collects every item of a paginated listing, counting its pages as calls; a denied listing yields []. */
  async all<P, T>(action: string, pages: AsyncIterable<P>, items: (page: P) => T[] | undefined): Promise<T[]> {
    return (await this.allIfFound(action, pages, items, [])) ?? [];
  }

  /** Like `all`, but undefined when the listed thing does not exist (an error named in `absent`) or is denied. */
  async allIfFound<P, T>(action: string, pages: AsyncIterable<P>, items: (page: P) => T[] | undefined, absent: string[]): Promise<T[] | undefined> {
    return this.run(
      action,
      async () => {
        const out: T[] = [];
        for await (const page of pages) {
          this.count++;
          out.push(...(items(page) ?? []));
        }
        return out;
      },
      absent,
      true,
    );
  }
}
