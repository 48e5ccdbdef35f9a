/**
 * CloudFront settings that are checked at synth.
 * @see https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_GeoRestriction.html
 */
export interface GeoRestriction {
  /** `whitelist`: only these countries are served; `blacklist`: these countries are refused. */
  readonly type: 'whitelist' | 'blacklist';
  /** ISO 3166-1 alpha-2 country codes, such as `US`. */
  readonly locations: string[];
}

export const PRICE_CLASSES = ['PriceClass_100', 'PriceClass_200', 'PriceClass_All'] as const;
export type PriceClass = (typeof PRICE_CLASSES)[number];

/** Returns every rule the geo restriction breaks (empty when valid). */
export function geoRestrictionViolations(geo: GeoRestriction): string[] {
  const broken: string[] = [];
  if (geo.type !== 'whitelist' && geo.type !== 'blacklist') {
    broken.push(`type must be 'whitelist' or 'blacklist' (got '${geo.type}')`);
  }
  if (geo.locations.length === 0) broken.push('locations must name at least one country');
  for (const code of geo.locations) {
    if (!/^[A-Z]{2}$/.test(code)) broken.push(`location '${code}' must be an ISO 3166-1 alpha-2 code such as 'US'`);
  }
  return broken;
}
