/**
 * Tag limits that S3 and IAM enforce at apply time, checked at synth so a plan never fails on them.
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html
 */
export const TAG_LIMITS = { maxTags: 50, maxKeyLength: 128, maxValueLength: 256 } as const;

export type Tags = Record<string, string>;

/** Returns every rule the tag set breaks (empty when valid). */
export function tagViolations(tags: Tags): string[] {
  const broken: string[] = [];
  const entries = Object.entries(tags);
  if (entries.length > TAG_LIMITS.maxTags) {
    broken.push(`at most ${TAG_LIMITS.maxTags} tags are allowed (got ${entries.length})`);
  }
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > TAG_LIMITS.maxKeyLength) {
      broken.push(`tag key '${key}' must be 1 to ${TAG_LIMITS.maxKeyLength} characters long (it has ${key.length})`);
    }
    if (key.toLowerCase().startsWith('aws:')) {
      broken.push(`tag key '${key}' must not start with 'aws:', which AWS reserves`);
    }
    if (value.length > TAG_LIMITS.maxValueLength) {
      broken.push(
        `value of tag '${key}' must be at most ${TAG_LIMITS.maxValueLength} characters long (it has ${value.length})`,
      );
    }
  }
  return broken;
}
