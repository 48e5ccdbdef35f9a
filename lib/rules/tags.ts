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

/**
 * The characters AWS's own tagging rules allow in keys and values outside S3 (IAM, ACM, CloudFront): letters,
 * digits, spaces and `_ . : / = + - @`. S3 bucket tags take more (the replaced service's `Take.My.Money.$$$$`).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html
 */
const AWS_TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** The tags IAM, ACM and CloudFront accept, and the ones they would refuse (which stay on the bucket only). */
export function awsServiceTags(tags: Tags | undefined, isToken: (text: string) => boolean = () => false): { readonly accepted: Tags | undefined; readonly refused: string[] } {
  if (!tags) return { accepted: undefined, refused: [] };
  const entries = Object.entries(tags);
  const fits = (text: string) => isToken(text) || AWS_TAG_TEXT.test(text);
  const ok = ([k, v]: [string, string]) => fits(k) && fits(v);
  return { accepted: Object.fromEntries(entries.filter(ok)), refused: entries.filter((e) => !ok(e)).map(([k]) => k) };
}

/** IAM's own rule on top of the common limits, for tags that go to IAM only (an IAM user's). */
export function iamTagViolations(tags: Tags, isToken?: (text: string) => boolean): string[] {
  const refused = awsServiceTags(tags, isToken).refused;
  return refused.map((k) => `tag '${k}' may hold only letters, digits, spaces and _ . : / = + - @ in its key and value (IAM refuses the rest)`);
}
