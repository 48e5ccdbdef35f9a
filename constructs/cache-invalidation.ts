import { Construct } from 'constructs';
import { AdminObject } from '../lib/admin-object';
import { throwIfBroken, throwIfNotWholeNumber } from '../lib/errors';
import { InvalidationProps } from '../lib/runtime/operations/cloudfront-invalidation';

export interface CacheInvalidationProps {
  /** The distribution, such as `StaticWebsite.distributionId`. */
  readonly distributionId: string;
  /**
   * What the site's content is at: a version, a build number or a hash of the files. A new value creates an
   * invalidation; a deploy without a change creates none.
   */
  readonly contentVersion: string;
  /** Paths to invalidate, each starting with `/`; `*` only at the end. @default ['/*'] */
  readonly paths?: string[];
  /** Wait until CloudFront reports the invalidation Completed, printing its status as it goes. @default false */
  readonly waitForCompletion?: boolean;
  /** How long to wait at most. @default 15 */
  readonly waitMinutes?: number;
  /** Seconds between status checks while waiting. @default 10 */
  readonly pollSeconds?: number;
}

/** CloudFront accepts at most this many paths in one invalidation. */
const MAX_PATHS = 3000;

/**
 * A CloudFront cache invalidation whenever the website's content changes: the declarative form of the
 * replaced service's `PATCH /websites/{website}` with `CacheInvalidation`. It runs on the same handler as the
 * storage custom resources, with the AWS SDK's own credentials (the deploy's AWS credentials).
 *
 * @example
 * new CacheInvalidation(stack, 'Flush', { distributionId: site.distributionId, contentVersion: process.env.BUILD_ID! });
 */
export class CacheInvalidation extends Construct {
  readonly resource: AdminObject;

  constructor(scope: Construct, id: string, props: CacheInvalidationProps) {
    super(scope, id);
    const paths = props.paths ?? ['/*'];
    const broken: string[] = [];
    if (paths.length < 1 || paths.length > MAX_PATHS) broken.push(`must hold 1 to ${MAX_PATHS} paths (got ${paths.length})`);
    for (const path of paths) {
      if (!path.startsWith('/')) broken.push(`'${path}' must start with '/'`);
      if (path.indexOf('*') >= 0 && path.indexOf('*') !== path.length - 1) broken.push(`'${path}' may use '*' only as its last character`);
    }
    throwIfBroken(this, 'paths', paths, broken);
    if (!props.contentVersion) throwIfBroken(this, 'contentVersion', props.contentVersion, ['must not be empty']);
    throwIfNotWholeNumber(this, 'waitMinutes', props.waitMinutes, 1);
    throwIfNotWholeNumber(this, 'pollSeconds', props.pollSeconds, 1);
    const request: InvalidationProps = {
      distributionId: props.distributionId,
      paths,
      contentVersion: props.contentVersion,
      waitForCompletion: props.waitForCompletion ?? false,
      pollSeconds: props.pollSeconds ?? 10,
      waitMinutes: props.waitMinutes ?? 15,
    };
    this.resource = new AdminObject(this, 'Resource', {
      kind: 'cloudfront-invalidation',
      // AWS itself: the SDK finds credentials, region and endpoint the usual way; nothing here is read
      endpoint: { url: 'https://cloudfront.amazonaws.com', credentials: { accessKeyEnv: 'AWS_ACCESS_KEY_ID', secretKeyEnv: 'AWS_SECRET_ACCESS_KEY' } },
      identity: { distributionId: props.distributionId, contentVersion: props.contentVersion, paths },
      props: { ...request },
      reconcile: false,
    });
  }
}
