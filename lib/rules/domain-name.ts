/**
 * Rules for a website's domain name: a fully qualified DNS name that CloudFront accepts as an alias.
 * @see https://www.rfc-editor.org/rfc/rfc1035#section-2.3.1
 */
export function domainNameViolations(domain: string): string[] {
  const broken: string[] = [];
  if (domain.length > 253) broken.push(`must be at most 253 characters long (it has ${domain.length})`);
  if (domain.endsWith('.')) broken.push('must not end with a dot (write it without the root label)');
  const labels = domain.replace(/\.$/, '').split('.');
  if (labels.length < 2) broken.push('must have at least two labels, such as www.example.com');
  labels.forEach((label, i) => {
    if (label.length < 1 || label.length > 63) {
      broken.push(`label ${i + 1} ('${label}') must be 1 to 63 characters long`);
    } else if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(label)) {
      broken.push(
        `label ${i + 1} ('${label}') may contain only lowercase letters, digits and inner hyphens`,
      );
    }
  });
  return broken;
}
