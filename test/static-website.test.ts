import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { AnnotationMetadataEntryType, Testing, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { AdminBucket } from '../constructs/admin-bucket';
import { BucketUser } from '../constructs/bucket-user';
import { StaticWebsite, StaticWebsiteProps } from '../constructs/static-website';
import { WEBSITE_ADMIN_ACTIONS } from '../lib/synth/policies/website-admin-policy';
import { newStack, resourcesOf, synthJson, theResource } from './support/synth';

const warningsOf = (c: IConstruct) =>
  c.node.findAll().flatMap((n) => n.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => String(m.data)));

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
  ] as const)('addUser with the deprecated groups %p still joins %d groups', (groups, count) => {
    const json = synthJson((s) =>
      new StaticWebsite(s, 'Site', base).addUser('webuser', groups ? { groups: [...groups] } : {}),
    ).json;
    const membership = theResource(json, 'aws_iam_user_group_membership');
    expect(membership.groups).toHaveLength(count);
    if (groups?.[0] === 'WebAdmGrp') expect(membership.groups[0]).toMatch(/WebAdminGroup/);
  });

  describe('single-page app', () => {
    test('unknown paths (403 and 404) are answered with the index document and status 200', () => {
      // GIVEN / WHEN
      const d = theResource(synthSite({ singlePageApp: true, indexDocument: 'app.html' }), 'aws_cloudfront_distribution');
      // THEN
      expect(d.custom_error_response).toEqual([
        expect.objectContaining({ error_code: 403, response_code: 200, response_page_path: '/app.html' }),
        expect.objectContaining({ error_code: 404, response_code: 200, response_page_path: '/app.html' }),
      ]);
    });

    test('without it there is no error response', () => {
      expect(theResource(synthSite(), 'aws_cloudfront_distribution').custom_error_response).toBeUndefined();
    });

    test('fails together with an error document', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, singlePageApp: true, errorDocument: '404.html' })).toThrow(
        /^\[test\/Site\] 'singlePageApp' conflicts with 'errorDocument', got errorDocument "404.html"/,
      );
    });
  });

  describe('security headers', () => {
    test('by default a response headers policy with HSTS, nosniff, DENY, strict referrer and a CSP is on the default behaviour', () => {
      // GIVEN / WHEN
      const json = synthSite();
      // THEN
      const policy = theResource(json, 'aws_cloudfront_response_headers_policy');
      expect(policy.name).toBe('foobar-bulldogs-cloud-SecurityHeaders');
      expect(policy.security_headers_config).toEqual({
        strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, preload: false, override: true },
        content_type_options: { override: true },
        frame_options: { frame_option: 'DENY', override: true },
        referrer_policy: { referrer_policy: 'strict-origin-when-cross-origin', override: true },
        content_security_policy: { content_security_policy: "default-src 'self'", override: true },
      });
      expect(theResource(json, 'aws_cloudfront_distribution').default_cache_behavior.response_headers_policy_id).toMatch(
        /^\$\{aws_cloudfront_response_headers_policy\.[^.]+\.id\}$/,
      );
    });

    test('single fields can be overridden or left out', () => {
      const config = theResource(
        synthSite({
          securityHeaders: {
            contentSecurityPolicy: "default-src 'self'; img-src *",
            hstsPreload: true,
            frameOptions: 'SAMEORIGIN',
            referrerPolicy: false,
            contentTypeOptions: false,
          },
        }),
        'aws_cloudfront_response_headers_policy',
      ).security_headers_config;
      expect(config.content_security_policy.content_security_policy).toBe("default-src 'self'; img-src *");
      expect(config.strict_transport_security).toMatchObject({ preload: true, include_subdomains: true });
      expect(config.frame_options.frame_option).toBe('SAMEORIGIN');
      expect(config.referrer_policy).toBeUndefined();
      expect(config.content_type_options).toBeUndefined();
    });

    test('securityHeaders: false makes no policy and earns a warning', () => {
      const stack = newStack();
      const site = new StaticWebsite(stack, 'Site', { ...base, securityHeaders: false });
      const json = JSON.parse(Testing.synth(stack));
      expect(resourcesOf(json, 'aws_cloudfront_response_headers_policy')).toHaveLength(0);
      expect(theResource(json, 'aws_cloudfront_distribution').default_cache_behavior.response_headers_policy_id).toBeUndefined();
      expect(warningsOf(site).join('\n')).toMatch(/'securityHeaders' is false: responses of foobar\.bulldogs\.cloud carry no HSTS/);
    });

    test('fails for HSTS preload without subdomains or a year of max-age', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, securityHeaders: { hstsPreload: true, hstsIncludeSubdomains: false, hstsMaxAgeSeconds: 300 } })).toThrow(
        /\[test\/Site\] 'securityHeaders' is invalid, got .*: \n {2}- 'hstsPreload' needs 'hstsIncludeSubdomains' \(the preload list requires it\)\n {2}- 'hstsPreload' needs 'hstsMaxAgeSeconds' of at least 31536000 \(one year\), got 300/,
      );
    });

    test('fails for a content security policy over CloudFront limit', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, securityHeaders: { contentSecurityPolicy: `default-src ${'x'.repeat(1800)}` } })).toThrow(
        /'contentSecurityPolicy' must be at most 1783 characters \(it has 1812\)/,
      );
    });

    test('fails for an unknown referrer policy', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, securityHeaders: { referrerPolicy: 'never' as never } })).toThrow(
        /'referrerPolicy' must be one of no-referrer, .* or false, got "never"/,
      );
    });
  });

  describe('distribution logs', () => {
    test('to a bucket made elsewhere, by name, under cloudfront/<domain>/', () => {
      // GIVEN / WHEN
      const d = theResource(synthSite({ distributionLogs: { bucket: 'acme-logs' } }), 'aws_cloudfront_distribution');
      // THEN
      expect(d.logging_config).toEqual({ bucket: 'acme-logs.s3.amazonaws.com', prefix: 'cloudfront/foobar.bulldogs.cloud/', include_cookies: false });
    });

    test('to an AdminBucket with ACLs on, after its ownership setting is in place', () => {
      // GIVEN a log bucket whose object ownership lets CloudFront deliver through an ACL grant
      const { json } = synthJson((s) => {
        const logs = new AdminBucket(s, 'Logs', { bucketName: 'acme-logs', objectOwnership: 'BucketOwnerPreferred' });
        // WHEN
        new StaticWebsite(s, 'Site', { ...base, distributionLogs: { bucket: logs, prefix: 'cf/', includeCookies: true } });
      });
      // THEN
      const d = theResource(json, 'aws_cloudfront_distribution');
      expect(d.logging_config).toEqual({ bucket: expect.stringMatching(/^\$\{aws_s3_bucket\.Logs_Bucket_[^.]+\.bucket_domain_name\}$/), prefix: 'cf/', include_cookies: true });
      expect(d.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_ownership_controls\.Logs_OwnershipControls_/)]);
      expect(theResource(json, 'aws_s3_bucket_ownership_controls', (o) => o.rule.object_ownership !== 'BucketOwnerEnforced').rule).toEqual({ object_ownership: 'BucketOwnerPreferred' });
    });

    test('no logging_config without distributionLogs', () => {
      expect(theResource(synthSite(), 'aws_cloudfront_distribution').logging_config).toBeUndefined();
    });

    test('fails for an AdminBucket with ACLs off, saying what to set', () => {
      const stack = newStack();
      const logs = new AdminBucket(stack, 'Logs', { bucketName: 'acme-logs' });
      expect(() => new StaticWebsite(stack, 'Site', { ...base, distributionLogs: { bucket: logs } })).toThrow(
        /^\[test\/Site\] 'distributionLogs\.bucket' is invalid, got "test\/Logs": its objectOwnership is 'BucketOwnerEnforced' \(ACLs off\), .*give that AdminBucket objectOwnership: 'BucketOwnerPreferred'$/,
      );
    });

    test("fails for the site's own bucket or an invalid bucket name", () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, distributionLogs: { bucket: base.domainName } })).toThrow(
        /'distributionLogs\.bucket' is invalid, got "foobar\.bulldogs\.cloud": must not be the site's own bucket/,
      );
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, distributionLogs: { bucket: 'Logs_Bucket' } })).toThrow(
        /'distributionLogs\.bucket' is invalid, got "Logs_Bucket"/,
      );
    });

    test('skips name validation for an unresolved token', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, distributionLogs: { bucket: Token.asString({ Ref: 'x' }) } })).not.toThrow();
    });
  });

  describe('grantWebAdmin', () => {
    const webAdminGroupRef = /^\$\{aws_iam_group\.Site_WebAdminGroup_[^.]+\.name\}$/;

    test('a BucketUser joins <domain>-WebAdmGrp through its own membership', () => {
      // GIVEN
      const stack = newStack();
      const site = new StaticWebsite(stack, 'Site', base);
      const user = new BucketUser(stack, 'Deployer', { userName: 'site-deployer' });
      // WHEN
      const grant = site.grantWebAdmin(user);
      // THEN
      expect(grant).toMatchObject({ kind: 'websiteAdmin', granteeType: 'user', group: site.webAdminGroup, policy: site.webAdminPolicy });
      expect(grant.membership?.node.path).toBe('test/Deployer/Groups');
      const json = JSON.parse(Testing.synth(stack));
      expect(theResource(json, 'aws_iam_user_group_membership').groups).toEqual([expect.stringMatching(webAdminGroupRef)]);
    });

    test("an IamUser of the AWS provider gets a membership of its own, named after the user", () => {
      const { json } = synthJson((s) => {
        const site = new StaticWebsite(s, 'Site', base);
        site.grantWebAdmin(new IamUser(s, 'Ci', { name: 'ci-bot' }));
      });
      const membership = theResource(json, 'aws_iam_user_group_membership');
      expect(membership.user).toMatch(/^\$\{aws_iam_user\.Ci\.name\}$/);
      expect(membership.groups).toEqual([expect.stringMatching(webAdminGroupRef)]);
      expect(Object.keys(json.resource!.aws_iam_user_group_membership)[0]).toMatch(/^Site_WebAdminGrantUser-ci-bot_/);
    });

    test('a user name (a user made elsewhere) joins by name', () => {
      const { json } = synthJson((s) => new StaticWebsite(s, 'Site', base).grantWebAdmin('existing-user'));
      expect(theResource(json, 'aws_iam_user_group_membership')).toMatchObject({ user: 'existing-user', groups: [expect.stringMatching(webAdminGroupRef)] });
    });

    test('an IamGroup gets <domain>-WebAdmPlc attached (IAM groups hold no groups)', () => {
      // GIVEN
      const stack = newStack();
      const site = new StaticWebsite(stack, 'Site', base);
      // WHEN
      const grant = site.grantWebAdmin(new IamGroup(stack, 'Ops', { name: 'ops' }));
      // THEN
      expect(grant.granteeType).toBe('group');
      expect(grant.membership).toBeUndefined();
      const json = JSON.parse(Testing.synth(stack));
      const attachment = theResource(json, 'aws_iam_group_policy_attachment', (a) => /Ops/.test(a.group));
      expect(attachment.policy_arn).toMatch(/^\$\{aws_iam_policy\.Site_WebAdminPolicy_[^.]+\.arn\}$/);
      expect(resourcesOf(json, 'aws_iam_user_group_membership')).toHaveLength(0);
    });

    test('granting the same grantee twice gives the first grant and one resource', () => {
      const stack = newStack();
      const site = new StaticWebsite(stack, 'Site', base);
      expect(site.grantWebAdmin('existing-user')).toBe(site.grantWebAdmin('existing-user'));
      expect(resourcesOf(JSON.parse(Testing.synth(stack)), 'aws_iam_user_group_membership')).toHaveLength(1);
    });

    test('addUser makes the user admin of both, in one membership at the same address as before grants existed', () => {
      const { json } = synthJson((s) => new StaticWebsite(s, 'Site', base).addUser('webuser'));
      const [[address, membership]] = Object.entries(json.resource!.aws_iam_user_group_membership);
      expect(address).toMatch(/^Site_User-webuser_Groups_[0-9A-F]{8}$/);
      expect(membership.groups).toEqual([expect.stringMatching(/^\$\{aws_iam_group\.Site_AdminGroup_[^.]+\.name\}$/), expect.stringMatching(webAdminGroupRef)]);
    });

    test("addUser's deprecated groups option earns a warning; without it there is none", () => {
      const stack = newStack();
      const site = new StaticWebsite(stack, 'Site', base);
      site.addUser('old-style', { groups: ['WebAdmGrp'] });
      site.addUser('new-style');
      const warnings = warningsOf(site);
      expect(warnings).toEqual([expect.stringMatching(/'groups' of addUser\('old-style'\) is deprecated .* site\.grantWebAdmin\(user\)/)]);
    });

    test('fails for a grantee name that is not an IAM user name', () => {
      const site = new StaticWebsite(newStack(), 'Site', base);
      expect(() => site.grantWebAdmin('no spaces')).toThrow(/^\[test\/Site\] 'grantee' is invalid, got "no spaces": an IAM user name may contain only/);
    });

    test('fails for a grantee name that is an unresolved token', () => {
      const site = new StaticWebsite(newStack(), 'Site', base);
      expect(() => site.grantWebAdmin(Token.asString({ Ref: 'x' }))).toThrow(/a grantee given by name must be a literal IAM user name, got the unresolved token .*: pass the IamUser itself instead/);
    });
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
      const long = `${'a'.repeat(60)}.bulldogs.cloud`;
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, domainName: long })).toThrow(
        /\[test\/Site\/Site\] 'bucketName' is invalid, got ".*": must be 3 to 63 characters long \(it has 75\)/,
      );
    });
    test('fails for a domain outside its hosted zone', () => {
      expect(() => new StaticWebsite(newStack(), 'Site', { ...base, domainName: 'www.example.com' })).toThrow(
        /\[test\/Site\] 'domainName' is invalid, got "www.example.com": must be in the hosted zone 'bulldogs.cloud' \(hostedZoneName\)/,
      );
      expect(() => new StaticWebsite(newStack(), 'Apex', { ...base, domainName: 'bulldogs.cloud' })).not.toThrow();
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
