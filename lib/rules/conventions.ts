/**
 * The names the replaced REST service gave to what it made, and which this library keeps so that people and
 * policies moved from the service go on working. They are defined here once: the constructs create objects
 * by these functions and `s3-admin` (inspect, drift, adopt) looks objects up by them, so what is created and
 * what is scanned cannot drift apart.
 */

/** Suffix of a bucket's admin IAM policy: `<bucketName>-BktAdmPlc`. */
export const BUCKET_ADMIN_POLICY_SUFFIX = '-BktAdmPlc';
/** Suffix of a bucket's admin IAM group: `<bucketName>-BktAdmGrp`. */
export const BUCKET_ADMIN_GROUP_SUFFIX = '-BktAdmGrp';
/** Suffix of a website's admin IAM policy: `<domainName>-WebAdmPlc`. */
export const WEBSITE_ADMIN_POLICY_SUFFIX = '-WebAdmPlc';
/** Suffix of a website's admin IAM group: `<domainName>-WebAdmGrp`. */
export const WEBSITE_ADMIN_GROUP_SUFFIX = '-WebAdmGrp';
/** Suffix of a website's CloudFront response headers policy: `<domain-with-dashes>-SecurityHeaders`. */
export const WEBSITE_HEADERS_POLICY_SUFFIX = '-SecurityHeaders';

/** `<bucketName>-BktAdmPlc` */
export function bucketAdminPolicyName(bucketName: string): string {
  return `${bucketName}${BUCKET_ADMIN_POLICY_SUFFIX}`;
}

/** `<bucketName>-BktAdmGrp` */
export function bucketAdminGroupName(bucketName: string): string {
  return `${bucketName}${BUCKET_ADMIN_GROUP_SUFFIX}`;
}

/** `<domainName>-WebAdmPlc` */
export function websiteAdminPolicyName(domainName: string): string {
  return `${domainName}${WEBSITE_ADMIN_POLICY_SUFFIX}`;
}

/** `<domainName>-WebAdmGrp` */
export function websiteAdminGroupName(domainName: string): string {
  return `${domainName}${WEBSITE_ADMIN_GROUP_SUFFIX}`;
}

/**
 * `<domain-with-dashes>-SecurityHeaders`: CloudFront policy names allow letters, digits, `-` and `_` only
 * (no dots), up to 128 characters; a domain that is also a bucket name has at most 63.
 */
export function websiteHeadersPolicyName(domainName: string): string {
  return `${domainName.replace(/\./g, '-')}${WEBSITE_HEADERS_POLICY_SUFFIX}`;
}

/** What a conventional admin name belongs to. */
export type AdminNameKind = 'bucketAdminPolicy' | 'bucketAdminGroup' | 'websiteAdminPolicy' | 'websiteAdminGroup';

const SUFFIXES: ReadonlyArray<readonly [AdminNameKind, string]> = [
  ['bucketAdminPolicy', BUCKET_ADMIN_POLICY_SUFFIX],
  ['bucketAdminGroup', BUCKET_ADMIN_GROUP_SUFFIX],
  ['websiteAdminPolicy', WEBSITE_ADMIN_POLICY_SUFFIX],
  ['websiteAdminGroup', WEBSITE_ADMIN_GROUP_SUFFIX],
];

/**
 * The reverse of the functions above, for scanners: `parseAdminName('acme-BktAdmGrp')` is
 * `{ kind: 'bucketAdminGroup', owner: 'acme' }`; a name that follows no convention gives `undefined`.
 */
export function parseAdminName(name: string): { kind: AdminNameKind; owner: string } | undefined {
  for (const [kind, suffix] of SUFFIXES) {
    if (name.length > suffix.length && name.endsWith(suffix)) return { kind, owner: name.slice(0, -suffix.length) };
  }
  return undefined;
}
