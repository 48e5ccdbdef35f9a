import type { CloudfrontResponseHeadersPolicySecurityHeadersConfig } from '@cdktf/provider-aws/lib/cloudfront-response-headers-policy';

/** The values CloudFront accepts for `Referrer-Policy`. */
export const REFERRER_POLICIES = [
  'no-referrer',
  'no-referrer-when-downgrade',
  'origin',
  'origin-when-cross-origin',
  'same-origin',
  'strict-origin',
  'strict-origin-when-cross-origin',
  'unsafe-url',
] as const;
export type ReferrerPolicy = (typeof REFERRER_POLICIES)[number];

/**
 * The security headers CloudFront adds to every response of the website. Each field has a safe default;
 * `false` leaves that header out.
 * @see https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html
 */
export interface SecurityHeaders {
  /**
   * `Content-Security-Policy`, at most 1,783 characters (CloudFront's limit). Loosen it for a site that loads
   * scripts, styles or fonts from elsewhere, or uses inline scripts. `false`: none.
   * @default "default-src 'self'"
   */
  readonly contentSecurityPolicy?: string | false;
  /** `Strict-Transport-Security`: browsers use HTTPS only. `false`: none. @default true */
  readonly hsts?: boolean;
  /** HSTS `max-age`. @default 63072000 (two years) */
  readonly hstsMaxAgeSeconds?: number;
  /** HSTS `includeSubDomains`. @default true */
  readonly hstsIncludeSubdomains?: boolean;
  /**
   * HSTS `preload`: asks browsers to ship the domain as HTTPS-only; hard to undo (removal from the preload
   * list takes months). Needs `hstsIncludeSubdomains` and `hstsMaxAgeSeconds` of at least a year.
   * @see https://hstspreload.org/
   * @default false
   */
  readonly hstsPreload?: boolean;
  /** `X-Frame-Options`. `false`: none. @default 'DENY' */
  readonly frameOptions?: 'DENY' | 'SAMEORIGIN' | false;
  /** `Referrer-Policy`. `false`: none. @default 'strict-origin-when-cross-origin' */
  readonly referrerPolicy?: ReferrerPolicy | false;
  /** `X-Content-Type-Options: nosniff`. @default true */
  readonly contentTypeOptions?: boolean;
  /** Replace a header of the same name that the origin sends (S3 sends none of these). @default true */
  readonly override?: boolean;
}

export const DEFAULT_CONTENT_SECURITY_POLICY = "default-src 'self'";
/** Two years, what hstspreload.org asks for. */
export const DEFAULT_HSTS_MAX_AGE_SECONDS = 63_072_000;
const ONE_YEAR_SECONDS = 31_536_000;
/** CloudFront's limit on the Content-Security-Policy value. */
export const CONTENT_SECURITY_POLICY_MAX_LENGTH = 1783;

/** Every rule the settings break (empty when valid). */
export function securityHeadersViolations(h: SecurityHeaders): string[] {
  const broken: string[] = [];
  const csp = h.contentSecurityPolicy;
  if (typeof csp === 'string') {
    if (csp.trim() === '') broken.push("'contentSecurityPolicy' must not be empty (use false to send none)");
    if (csp.length > CONTENT_SECURITY_POLICY_MAX_LENGTH) {
      broken.push(`'contentSecurityPolicy' must be at most ${CONTENT_SECURITY_POLICY_MAX_LENGTH} characters (it has ${csp.length})`);
    }
    if (/[\x00-\x1f\x7f]/.test(csp)) broken.push("'contentSecurityPolicy' must not contain control characters or line breaks");
  }
  const maxAge = h.hstsMaxAgeSeconds;
  if (maxAge !== undefined && !(Number.isInteger(maxAge) && maxAge >= 0)) {
    broken.push(`'hstsMaxAgeSeconds' must be a whole number >= 0, got ${maxAge}`);
  }
  if (h.hstsPreload) {
    if (h.hsts === false) broken.push("'hstsPreload' needs 'hsts'");
    if (h.hstsIncludeSubdomains === false) broken.push("'hstsPreload' needs 'hstsIncludeSubdomains' (the preload list requires it)");
    if ((maxAge ?? DEFAULT_HSTS_MAX_AGE_SECONDS) < ONE_YEAR_SECONDS) {
      broken.push(`'hstsPreload' needs 'hstsMaxAgeSeconds' of at least ${ONE_YEAR_SECONDS} (one year), got ${maxAge}`);
    }
  }
  if (h.frameOptions !== undefined && h.frameOptions !== false && !['DENY', 'SAMEORIGIN'].includes(h.frameOptions)) {
    broken.push(`'frameOptions' must be 'DENY', 'SAMEORIGIN' or false, got ${JSON.stringify(h.frameOptions)}`);
  }
  if (h.referrerPolicy !== undefined && h.referrerPolicy !== false && !REFERRER_POLICIES.includes(h.referrerPolicy)) {
    broken.push(`'referrerPolicy' must be one of ${REFERRER_POLICIES.join(', ')} or false, got ${JSON.stringify(h.referrerPolicy)}`);
  }
  return broken;
}

/** The `security_headers_config` block of the response headers policy. */
export function renderSecurityHeaders(h: SecurityHeaders): CloudfrontResponseHeadersPolicySecurityHeadersConfig {
  const override = h.override ?? true;
  const csp = h.contentSecurityPolicy ?? DEFAULT_CONTENT_SECURITY_POLICY;
  const frame = h.frameOptions ?? 'DENY';
  const referrer = h.referrerPolicy ?? 'strict-origin-when-cross-origin';
  return {
    contentSecurityPolicy: csp === false ? undefined : { contentSecurityPolicy: csp, override },
    contentTypeOptions: h.contentTypeOptions === false ? undefined : { override },
    frameOptions: frame === false ? undefined : { frameOption: frame, override },
    referrerPolicy: referrer === false ? undefined : { referrerPolicy: referrer, override },
    strictTransportSecurity:
      h.hsts === false
        ? undefined
        : {
            accessControlMaxAgeSec: h.hstsMaxAgeSeconds ?? DEFAULT_HSTS_MAX_AGE_SECONDS,
            includeSubdomains: h.hstsIncludeSubdomains ?? true,
            preload: h.hstsPreload ?? false,
            override,
          },
  };
}
