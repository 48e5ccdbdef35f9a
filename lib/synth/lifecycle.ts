import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';

/** S3 storage classes a lifecycle rule may transition objects to. */
export type TransitionStorageClass =
  | 'STANDARD_IA'
  | 'ONEZONE_IA'
  | 'INTELLIGENT_TIERING'
  | 'GLACIER_IR'
  | 'GLACIER'
  | 'DEEP_ARCHIVE';

export interface LifecycleTransition {
  /** Days after creation (or after becoming noncurrent, for noncurrent rules). */
  readonly days: number;
  readonly storageClass: TransitionStorageClass;
}

/** A lifecycle rule in this library's own flat terms; rendered to the provider's nested blocks. */
export interface LifecycleRule {
  /** Unique within the bucket, at most 255 characters. */
  readonly id: string;
  /** @default - the rule applies to every object */
  readonly prefix?: string;
  /** @default - no transition */
  readonly transitions?: LifecycleTransition[];
  /** @default - the same transitions also move noncurrent versions */
  readonly noncurrentVersionTransitions?: LifecycleTransition[];
  /** @default - objects never expire */
  readonly expirationDays?: number;
  /** @default - noncurrent versions never expire */
  readonly noncurrentVersionExpirationDays?: number;
  /** @default 7 */
  readonly abortIncompleteMultipartUploadDays?: number;
}

/**
 * Named lifecycles: every object (and noncurrent version) moves to the class on the day it is written,
 * the way the replaced REST service's `"Lifecycle": "deep-archive"` archived a bucket; `none` manages no rule.
 */
export const LIFECYCLE_PRESETS = {
  'deep-archive': 'DEEP_ARCHIVE',
  glacier: 'GLACIER',
  'intelligent-tiering': 'INTELLIGENT_TIERING',
  none: undefined,
} as const;

export type LifecyclePreset = keyof typeof LIFECYCLE_PRESETS;

export type LifecycleSetting = LifecyclePreset | LifecycleRule[];

const DEFAULT_ABORT_MULTIPART_DAYS = 7;

/** Expands a preset into rules; custom rules pass through unchanged. */
export function lifecycleRules(setting: LifecycleSetting): LifecycleRule[] {
  if (Array.isArray(setting)) return setting;
  const storageClass = LIFECYCLE_PRESETS[setting];
  if (storageClass === undefined) return [];
  return [{ id: setting, transitions: [{ days: 0, storageClass }] }];
}

/** Returns every rule the lifecycle setting breaks (empty when valid). */
export function lifecycleViolations(setting: LifecycleSetting): string[] {
  if (!Array.isArray(setting)) {
    return setting in LIFECYCLE_PRESETS
      ? []
      : [`must be one of ${Object.keys(LIFECYCLE_PRESETS).map((p) => `'${p}'`).join(', ')} or a list of rules`];
  }
  const broken: string[] = [];
  const seen = new Set<string>();
  for (const rule of setting) {
    if (rule.id.length < 1 || rule.id.length > 255) broken.push(`rule id '${rule.id}' must be 1 to 255 characters long`);
    if (seen.has(rule.id)) broken.push(`rule id '${rule.id}' is used twice`);
    seen.add(rule.id);
    const days: Array<[string, number | undefined]> = [
      ['expirationDays', rule.expirationDays],
      ['noncurrentVersionExpirationDays', rule.noncurrentVersionExpirationDays],
      ['abortIncompleteMultipartUploadDays', rule.abortIncompleteMultipartUploadDays],
      ...(rule.transitions ?? []).map((t): [string, number] => ['transitions[].days', t.days]),
    ];
    for (const [field, value] of days) {
      if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
        broken.push(`rule '${rule.id}': ${field} must be a whole number of days >= 0 (got ${value})`);
      }
    }
    if (rule.expirationDays === 0) broken.push(`rule '${rule.id}': expirationDays must be at least 1`);
  }
  return broken;
}

/** Renders rules as the provider's `rule` blocks. */
export function renderLifecycleRules(rules: LifecycleRule[]): S3BucketLifecycleConfigurationRule[] {
  return rules.map((rule) => {
    const transitions = rule.transitions ?? [];
    const noncurrent = rule.noncurrentVersionTransitions ?? transitions;
    return {
      id: rule.id,
      status: 'Enabled',
      filter: [{ prefix: rule.prefix ?? '' }],
      transition: transitions.length ? transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) : undefined,
      noncurrentVersionTransition: noncurrent.length
        ? noncurrent.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass }))
        : undefined,
      expiration: rule.expirationDays !== undefined ? [{ days: rule.expirationDays }] : undefined,
      noncurrentVersionExpiration:
        rule.noncurrentVersionExpirationDays !== undefined
          ? [{ noncurrentDays: rule.noncurrentVersionExpirationDays }]
          : undefined,
      abortIncompleteMultipartUpload: [
        { daysAfterInitiation: rule.abortIncompleteMultipartUploadDays ?? DEFAULT_ABORT_MULTIPART_DAYS },
      ],
    };
  });
}
