import { bool, number, resourceSchema, string, stringList } from './attribute';
import { wholeNumber } from './checks';

/** CloudFront accepts at most this many paths in one invalidation. */
export const MAX_INVALIDATION_PATHS = 3000;

export function invalidationPathViolations(paths: string[]): string[] {
  const broken: string[] = [];
  if (paths.length < 1 || paths.length > MAX_INVALIDATION_PATHS) broken.push(`must hold 1 to ${MAX_INVALIDATION_PATHS} paths (got ${paths.length})`);
  for (const path of paths) {
    if (!path.startsWith('/')) broken.push(`'${path}' must start with '/'`);
    if (path.indexOf('*') >= 0 && path.indexOf('*') !== path.length - 1) broken.push(`'${path}' may use '*' only as its last character`);
  }
  return broken;
}

export const CLOUDFRONT_INVALIDATION = resourceSchema(
  's3admin_cloudfront_invalidation',
  'A CloudFront cache invalidation, made once per content version (with the AWS SDK and its own credentials).',
  'distributionId/invalidationId',
  {
    distribution_id: string('required', 'The distribution.', { forceNew: true }),
    content_version: string('required', 'What the content is at; a new value makes a new invalidation.', { forceNew: true, check: (v) => (v ? [] : ['must not be empty']) }),
    paths: stringList('optionalComputed', 'Paths to invalidate, each starting with /.', { forceNew: true, default: ['/*'], check: invalidationPathViolations }),
    wait_for_completion: bool('optionalComputed', 'Wait until CloudFront reports the invalidation Completed.', { default: false }),
    wait_minutes: number('optionalComputed', 'How long to wait at most.', { default: 15, check: wholeNumber(1) }),
    poll_seconds: number('optionalComputed', 'Seconds between status checks while waiting.', { default: 10, check: wholeNumber(1) }),
    invalidation_id: string('computed', 'The id CloudFront gave the invalidation.'),
  },
);
