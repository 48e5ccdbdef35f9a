import { Construct } from 'constructs';
import { checkProp, throwIfNotWholeNumber } from '../lib/synth/errors';
import { CLOUDFRONT_INVALIDATION, invalidationPathViolations } from '../lib/schema/cloudfront';
import { providerIn } from '../lib/synth/s3admin-provider';
import { SchemaResource } from '../lib/synth/schema-resource';

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
  /** Wait until CloudFront reports the invalidation Completed. @default false */
  readonly waitForCompletion?: boolean;
  /** How long to wait at most. @default 15 */
  readonly waitMinutes?: number;
  /** Seconds between status checks while waiting. @default 10 */
  readonly pollSeconds?: number;
}

/**
 * A CloudFront cache invalidation whenever the website's content changes: the declarative form of the
 * replaced service's `PATCH /websites/{website}` with `CacheInvalidation`. It is a resource of the s3admin
 * provider, which calls CloudFront with the AWS SDK's own credentials (the deploy's AWS credentials).
 *
 * @example
 * new CacheInvalidation(stack, 'Flush', { distributionId: site.distributionId, contentVersion: process.env.BUILD_ID! });
 */
export class CacheInvalidation extends Construct {
  readonly resource: SchemaResource<typeof CLOUDFRONT_INVALIDATION.attributes>;

  constructor(scope: Construct, id: string, props: CacheInvalidationProps) {
    super(scope, id);
    const paths = props.paths ?? ['/*'];
    checkProp(this, 'paths', paths, invalidationPathViolations);
    checkProp(this, 'contentVersion', props.contentVersion, (v) => (v ? [] : ['must not be empty']));
    throwIfNotWholeNumber(this, 'waitMinutes', props.waitMinutes, 1);
    throwIfNotWholeNumber(this, 'pollSeconds', props.pollSeconds, 1);
    this.resource = new SchemaResource(
      this,
      'Resource',
      CLOUDFRONT_INVALIDATION,
      {
        distribution_id: props.distributionId,
        content_version: props.contentVersion,
        paths,
        wait_for_completion: props.waitForCompletion ?? false,
        wait_minutes: props.waitMinutes ?? 15,
        poll_seconds: props.pollSeconds ?? 10,
      },
      // AWS itself: no admin endpoint; the SDK finds credentials, region and endpoint the usual way
      { provider: providerIn(this, undefined, {}) },
    );
  }
}
