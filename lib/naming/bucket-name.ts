import { disallowedCharacter } from './allowed-characters';

/**
 * S3 general purpose bucket naming rules.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

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
  if (name.startsWith('xn--')) broken.push("must not start with the prefix 'xn--'");
  if (name.startsWith('sthree-')) broken.push("must not start with the prefix 'sthree-'");
  if (name.endsWith('-s3alias')) broken.push("must not end with the suffix '-s3alias'");
  if (name.endsWith('--ol-s3')) broken.push("must not end with the suffix '--ol-s3'");
  return broken;
}
