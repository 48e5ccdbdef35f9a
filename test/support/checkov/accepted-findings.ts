/**
 * What checkov still finds in the example estate (stacks/aws-estate.ts), each with why it stays. The README's
 * "Security scan" section lists the same; test/security-scan.test.ts fails on any finding not listed here,
 * and on a listed one that is no longer found (so this list and the README stay true).
 */
export interface AcceptedFinding {
  readonly check: string;
  /** `<type>.<logical id>` in the estate's cdk.tf.json. */
  readonly resource: string;
  readonly reason: string;
}

const DISTRIBUTION = 'aws_cloudfront_distribution.FoobarWebsite_Distribution_14D58C3A';
const REPORTS_BUCKET = 'aws_s3_bucket.FoobarBucket_4560E7D6';
const SITE_BUCKET = 'aws_s3_bucket.FoobarWebsite_Site_Bucket_DE02558D';

const WHY = {
  waf: 'a WAF web ACL costs a monthly fee per ACL and per rule, and a static site has no application to protect; attach one with `site.distribution.webAclId = arn` where wanted',
  failover: 'origin failover needs a second bucket in another region with replication: a choice of cost and availability for the user, not a default',
  hstsPreload: "HSTS preload is opt-in (`securityHeaders: { hstsPreload: true }`): once on the browsers' preload list a domain and all its subdomains are HTTPS-only for months after removal",
  iamUsers: 'IAM users with access keys are what this library exists for: the bucket and website users of the replaced service, whose keys go to tools (Cyberduck, CI) that cannot use SSO',
  events: 'nothing consumes S3 event notifications in this estate; add a notification where a consumer exists',
  lifecycle: "the website's objects are the content folder's files, managed by the stack; an expiry or transition rule would remove or slow objects the site serves",
  replication: 'cross-region replication doubles storage and transfer costs and needs a second bucket; opt-in per bucket',
  versioning: 'versioning keeps every overwritten object and is opt-in (`versioning: true`); the site content is rebuilt from its folder, and the reference bucket archives to DEEP_ARCHIVE, as the replaced service did',
  kms: 'SSE-S3 is the default; SSE-KMS is one prop away (`encryption: { kmsKeyArn }`) but needs a key whose policy lets CloudFront (and every reader) decrypt, and adds KMS request costs',
};

export const ACCEPTED_FINDINGS: readonly AcceptedFinding[] = [
  { check: 'CKV_AWS_68', resource: DISTRIBUTION, reason: WHY.waf },
  { check: 'CKV2_AWS_47', resource: DISTRIBUTION, reason: WHY.waf },
  { check: 'CKV_AWS_310', resource: DISTRIBUTION, reason: WHY.failover },
  { check: 'CKV_AWS_259', resource: 'aws_cloudfront_response_headers_policy.FoobarWebsite_SecurityHeaders_5DA5F0CD', reason: WHY.hstsPreload },
  { check: 'CKV_AWS_273', resource: 'aws_iam_user.FoobarBucket_User-somebucketuser_User_A073F902', reason: WHY.iamUsers },
  { check: 'CKV_AWS_273', resource: 'aws_iam_user.FoobarWebsite_User-foobar-webadmin_User_B2225781', reason: WHY.iamUsers },
  { check: 'CKV2_AWS_62', resource: REPORTS_BUCKET, reason: WHY.events },
  { check: 'CKV2_AWS_62', resource: SITE_BUCKET, reason: WHY.events },
  { check: 'CKV2_AWS_61', resource: SITE_BUCKET, reason: WHY.lifecycle },
  { check: 'CKV_AWS_144', resource: REPORTS_BUCKET, reason: WHY.replication },
  { check: 'CKV_AWS_144', resource: SITE_BUCKET, reason: WHY.replication },
  { check: 'CKV_AWS_21', resource: REPORTS_BUCKET, reason: WHY.versioning },
  { check: 'CKV_AWS_21', resource: SITE_BUCKET, reason: WHY.versioning },
  { check: 'CKV_AWS_145', resource: REPORTS_BUCKET, reason: WHY.kms },
  { check: 'CKV_AWS_145', resource: SITE_BUCKET, reason: WHY.kms },
];
