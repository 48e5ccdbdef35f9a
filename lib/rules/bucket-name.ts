import { disallowedCharacter } from './allowed-characters';

/**
 * S3 general purpose bucket naming rules.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/** Prefixes and suffixes AWS keeps for its own kinds of bucket (access points, directory and table buckets...). */
const RESERVED_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const RESERVED_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/** Returns every rule `name` breaks (empty when valid). */
export function bucketNameViolations(name: string): string[] {
  const broken: string[] = [];
  if (name.length < 3 || name.length > 63) {
    broken.push(`must be 3 to 63 characters long (it has ${name.length})`);
  }
  const badChar = disallowedCharacter(name, /[a-z0-9.-]/, 'lowercase letters, digits, dots and hyphens');
  if (badChar) broken.push(badChar);
  if (name.length > 0 && !/^[a-z0-9]/.test(name)) broken.push('must start with a lowercase letter or digit');
  if (name.length > 0 && !/[a-z0-9]$/.test(name)) broken.push('must end with a lowercase letter or digit');
  const doubleDot = name.indexOf('..');
  if (doubleDot >= 0) broken.push(`must not contain two adjacent dots (offset ${doubleDot})`);
  if (IPV4.test(name)) broken.push('must not be formatted as an IP address');
  for (const prefix of RESERVED_PREFIXES) if (name.startsWith(prefix)) broken.push(`must not start with the prefix '${prefix}', which AWS reserves`);
  for (const suffix of RESERVED_SUFFIXES) if (name.endsWith(suffix)) broken.push(`must not end with the suffix '${suffix}', which AWS reserves`);
  return broken;
}
