import { StaticWebsite, StaticWebsiteProps } from '../constructs/static-website';
import { WEBSITE_ADMIN_ACTIONS } from '../lib/policies/website-admin-policy';
import { newStack, resourcesOf, synthJson, theResource } from './support/synth';

const base: StaticWebsiteProps = { domainName: 'foobar.bulldogs.cloud', hostedZoneName: 'bulldogs.cloud' };
const synthSite = (props: Partial<StaticWebsiteProps> = {}) =>
  synthJson((s) => new StaticWebsite(s, 'Site', { ...base, ...props } as StaticWebsiteProps)).json;

describe('StaticWebsite', () => {
  test('is an admin bucket named after the domain with website configuration', () => {
    const json = synthSite();
    expect(theResource(json, 'aws_s3_bucket').bucket).toBe('foobar.bulldogs.cloud');
    expect(theResource(json, 'aws_iam_policy', (p) => p.name.endsWith('-BktAdmPlc')).name).toBe('foobar.bulldogs.cloud-BktAdmPlc');
    expect(theResource(json, 'aws_s3_bucket_website_configuration').index_document).toEqual({ suffix: 'index.html' });
  });

  test('distribution: alias, redirect-to-https, HTTP/2+, IPv6, TLS 1.2 with SNI, PriceClass_100, no geo restriction', () => {
    const d = theResource(synthSite(), 'aws_cloudfront_distribution');
    expect(d).toMatchObject({
      enabled: true,
      aliases: ['foobar.bulldogs.cloud'],
      default_root_object: 'index.html',
      http_version: 'http2and3',
      is_ipv6_enabled: true,
      price_class: 'PriceClass_100',
      restrictions: { geo_restriction: { restriction_type: 'none', locations: [] } },
      viewer_certificate: { ssl_support_method: 'sni-only', minimum_protocol_version: 'TLSv1.2_2021' },
    });
    expect(d.default_cache_behavior.viewer_protocol_policy).toBe('redirect-to-https');
  });

  test('by default the origin is the REST endpoint behind Origin Access Control and the bucket stays private', () => {
    const json = synthSite();
    const d = theResource(json, 'aws_cloudfront_distribution');
    expect(d.origin[0].domain_name).toMatch(/\.bucket_regional_domain_name\}$/);
    expect(d.origin[0].origin_access_control_id).toMatch(/^\$\{aws_cloudfront_origin_access_control\./);
    expect(theResource(json, 'aws_cloudfront_origin_access_control')).toMatchObject({ signing_behavior: 'always', signing_protocol: 'sigv4' });
    expect(theResource(json, 'aws_s3_bucket_public_access_block').block_public_policy).toBe(true);
    const statements = JSON.parse(theResource(json, 'aws_s3_bucket_policy').policy).Statement;
    const cloudfront = statements.find((s: { Sid: string }) => s.Sid === 'AllowCloudFrontOriginAccessControl');
    expect(cloudfront.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(cloudfront.Condition.StringEquals['AWS:SourceArn']).toMatch(/aws_cloudfront_distribution\.[^.]+\.arn/);
  });

  test('the website-endpoint origin reproduces the replaced service: HTTP-only custom origin and a public bucket', () => {
    const json = synthSite({ origin: 'website-endpoint' });
    const d = theResource(json, 'aws_cloudfront_distribution');
    expect(d.origin[0].domain_name).toMatch(/aws_s3_bucket_website_configuration\.[^.]+\.website_endpoint/);
    expect(d.origin[0].custom_origin_config).toMatchObject({ origin_protocol_policy: 'http-only' });
    expect(resourcesOf(json, 'aws_cloudfront_origin_access_control')).toHaveLength(0);
    expect(theResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_policy: false, block_public_acls: true });
    const statements = JSON.parse(theResource(json, 'aws_s3_bucket_policy').policy).Statement;
    expect(statements).toEqual([expect.objectContaining({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject' })]);
  });

  test('A and AAAA alias records point at the distribution in the looked-up zone', () => {
    const json = synthSite();
    expect(json.data!.aws_route53_zone).toBeDefined();
    expect(Object.values(json.data!.aws_route53_zone)[0]).toMatchObject({ name: 'bulldogs.cloud', private_zone: false });
    for (const type of ['A', 'AAAA']) {
      const r = theResource(json, 'aws_route53_record', (x) => x.type === type);
      expect(r.name).toBe('foobar.bulldogs.cloud');
      expect(r.zone_id).toMatch(/data\.aws_route53_zone\.[^.]+\.zone_id/);
      expect(r.alias.name).toMatch(/aws_cloudfront_distribution\.[^.]+\.domain_name/);
      expect(r.alias.zone_id).toMatch(/aws_cloudfront_distribution\.[^.]+\.hosted_zone_id/);
    }
  });

  test('requests a DNS-validated certificate in us-east-1 when none is given', () => {
    const json = synthSite();
    expect(theResource(json, 'aws_acm_certificate')).toMatchObject({
      domain_name: 'foobar.bulldogs.cloud',
      validation_method: 'DNS',
      region: 'us-east-1',
    });
    const validation = theResource(json, 'aws_acm_certificate_validation');
    expect(validation.region).toBe('us-east-1');
    const record = theResource(json, 'aws_route53_record', (r) => r.for_each !== undefined);
    expect(record.for_each).toMatch(/domain_validation_options/);
    expect(theResource(json, 'aws_cloudfront_distribution').viewer_certificate.acm_certificate_arn).toMatch(
      /aws_acm_certificate_validation\.[^.]+\.certificate_arn/,
    );
  });

  test('uses a given certificate and zone id without requesting or looking up anything', () => {
    const certificateArn = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
    const json = synthJson((s) => new StaticWebsite(s, 'Site', { domainName: 'www.example.com', hostedZoneId: 'Z123', certificateArn })).json;
    expect(resourcesOf(json, 'aws_acm_certificate')).toHaveLength(0);
    expect(json.data).toBeUndefined();
    expect(theResource(json, 'aws_cloudfront_distribution').viewer_certificate.acm_certificate_arn).toBe(certificateArn);
    expect(theResource(json, 'aws_route53_record', (r) => r.type === 'A').zone_id).toBe('Z123');
  });

  test('geo restriction, price class and error document reach the distribution', () => {
    const d = theResource(
      synthSite({ geoRestriction: { type: 'whitelist', locations: ['US'] }, priceClass: 'PriceClass_All', errorDocument: '404.html' }),
      'aws_cloudfront_distribution',
    );
    expect(d.restrictions.geo_restriction).toEqual({ restriction_type: 'whitelist', locations: ['US'] });
    expect(d.price_class).toBe('PriceClass_All');
    expect(d.custom_error_response).toEqual([
      expect.objectContaining({ error_code: 404, response_code: 404, response_page_path: '/404.html' }),
      expect.objectContaining({ error_code: 403, response_code: 404, response_page_path: '/404.html' }),
    ]);
  });

  test('website admin policy allows invalidations and reads of this distribution only', () => {
    const json = synthSite();
    const policy = theResource(json, 'aws_iam_policy', (p) => p.name.endsWith('-WebAdmPlc'));
    expect(policy.name).toBe('foobar.bulldogs.cloud-WebAdmPlc');
    const [statement] = JSON.parse(policy.policy).Statement;
    expect(statement.Action).toEqual([...WEBSITE_ADMIN_ACTIONS]);
    expect(statement.Action).toContain('cloudfront:CreateInvalidation');
    expect(statement.Resource).toEqual([expect.stringMatching(/^\$\{aws_cloudfront_distribution\.[^.]+\.arn\}$/)]);
    expect(theResource(json, 'aws_iam_group', (g) => g.name.endsWith('-WebAdmGrp')).name).toBe('foobar.bulldogs.cloud-WebAdmGrp');
    expect(resourcesOf(json, 'aws_iam_group_policy_attachment')).toHaveLength(2);
  });

  test.each([
    [undefined, 2],
    [['WebAdmGrp'], 1],
    [['BktAdmGrp'], 1],
  ] as const)('addUser with groups %p joins %d groups', (groups, count) => {
    const json = synthJson((s) =>
      new StaticWebsite(s, 'Site', base).addUser('webuser', groups ? { groups: [...groups] } : {}),
    ).json;
    const membership = theResource(json, 'aws_iam_user_group_membership');
    expect(membership.groups).toHaveLength(count);
    if (groups?.[0] === 'WebAdmGrp') expect(membership.groups[0]).toMatch(/WebAdminGroup/);
  });

  describe('validation', () => {
    test('fails for an unknown group in addUser', () => {
      const site = new StaticWebsite(newStack(), 'Site', base);
      expect(() => site.addUser('u', { groups: ['BkrAdmGrp' as never] })).toThrow(
        /\[test\/Site\] 'groups' of website user 'u' must be a non-empty subset of \['BktAdmGrp', 'WebAdmGrp'\], got \["BkrAdmGrp"\]/,
      );
    });
    test('fails without a hosted zone, or with both forms', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { domainName: 'a.example.com' })).toThrow(/exactly one of 'hostedZoneId' and 'hostedZoneName'/);
      expect(
        () => new StaticWebsite(newStack(), 'Site', { domainName: 'a.example.com', hostedZoneId: 'Z1', hostedZoneName: 'example.com' }),
      ).toThrow(/exactly one of/);
    });
    test('fails for an invalid domain name', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, domainName: 'localhost' })).toThrow(
        /\[test\/Site\] 'domainName' is invalid, got "localhost": must have at least two labels/,
      );
    });
    test('fails for a domain that cannot be a bucket name', () => {
      const long = `${'a'.repeat(60)}.example.com`;
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, domainName: long })).toThrow(
        /\[test\/Site\/Site\] 'bucketName' is invalid, got ".*": must be 3 to 63 characters long \(it has 72\)/,
      );
    });
    test('fails for an invalid geo restriction', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, geoRestriction: { type: 'whitelist', locations: ['usa'] } })).toThrow(
        /'geoRestriction' is invalid, got .*: location 'usa' must be an ISO 3166-1 alpha-2 code/,
      );
    });
    test('fails for an unknown price class', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, priceClass: 'PriceClass_50' as never })).toThrow(
        /'priceClass' is invalid, got "PriceClass_50": must be one of PriceClass_100, PriceClass_200, PriceClass_All/,
      );
    });
  });
});
