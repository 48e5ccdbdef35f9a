/** A plain mailbox address: both RGW and ostor index users by it, so a typo makes a different user. */
export function emailViolations(email: string): string[] {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? [] : ['must be an email address such as client@example.com'];
}

/** RGW refuses an empty display name, and control characters would reach its admin tools' output. */
export function displayNameViolations(name: string): string[] {
  const broken: string[] = [];
  if (name.trim().length === 0) broken.push('must not be empty');
  const control = name.search(/[\u0000-\u001f\u007f]/);
  if (control >= 0) broken.push(`must not contain control characters (offset ${control})`);
  return broken;
}
