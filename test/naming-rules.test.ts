import { bucketNameViolations } from '../lib/rules/bucket-name';
import { domainNameViolations } from '../lib/rules/domain-name';
import { iamNameViolations } from '../lib/rules/iam-name';
import { tagViolations } from '../lib/rules/tags';
import { lifecycleViolations } from '../lib/synth/lifecycle';
import { geoRestrictionViolations } from '../lib/synth/website-rules';

describe('bucket names', () => {
  test.each(['abc', 'foobarbucketname', 'foobar.bulldogs.cloud', 'a-1.b-2', '1bucket', 'a'.repeat(63)])(
    'accepts %s',
    (name) => expect(bucketNameViolations(name)).toEqual([]),
  );

  test.each([
    ['ab', /3 to 63 characters long \(it has 2\)/],
    ['a'.repeat(64), /3 to 63 characters long \(it has 64\)/],
    ['MyBucket', /lowercase letters, digits, dots and hyphens \('M' at offset 0\)/],
    ['my_bucket', /\('_' at offset 2\)/],
    ['-bucket', /must start with a lowercase letter or digit/],
    ['bucket-', /must end with a lowercase letter or digit/],
    ['my..bucket', /two adjacent dots \(offset 2\)/],
    ['192.168.5.4', /IP address/],
    ['xn--bucket', /prefix 'xn--'/],
    ['bucket-s3alias', /suffix '-s3alias'/],
  ])('fails for %s', (name, rule) => {
    expect(bucketNameViolations(name).join('\n')).toMatch(rule);
  });

  test('reports every broken rule at once', () => {
    // too short, an uppercase letter, bad first and bad last character
    expect(bucketNameViolations('-A')).toHaveLength(4);
  });
});

describe('IAM names', () => {
  test.each([
    ['somebucketuser', 'user', 0],
    ['a+b=c,d.e@f_g-h', 'user', 0],
    ['u'.repeat(64), 'user', 0],
    ['u'.repeat(65), 'user', 1],
    ['g'.repeat(128), 'group', 0],
    ['g'.repeat(129), 'group', 1],
    ['has space', 'user', 1],
    ['', 'policy', 1],
  ] as const)('%s as %s breaks %d rules', (name, kind, count) => {
    expect(iamNameViolations(name, kind)).toHaveLength(count);
  });

  test('names the offending character and offset', () => {
    expect(iamNameViolations('bad/name', 'user')[0]).toMatch(/'\/' at offset 3/);
  });
});

describe('domain names', () => {
  test.each(['foobar.bulldogs.cloud', 'www.example.com', 'a-b.example.org'])('accepts %s', (d) =>
    expect(domainNameViolations(d)).toEqual([]),
  );
  test.each([
    ['localhost', /at least two labels/],
    ['example.com.', /must not end with a dot/],
    ['-bad.example.com', /label 1 \('-bad'\)/],
    ['Example.com', /label 1 \('Example'\)/],
    [`${'a'.repeat(64)}.com`, /must be 1 to 63 characters long/],
  ])('fails for %s', (domain, rule) => expect(domainNameViolations(domain).join('\n')).toMatch(rule));
});

describe('tags', () => {
  test('accepts the reference tags', () => {
    expect(tagViolations({ Application: 'HowToGet', COA: 'Take.My.Money.$$$$', CreatedBy: 'Big Bird' })).toEqual([]);
  });
  test('fails for more than 50 tags', () => {
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
    expect(tagViolations(tags)).toEqual(['at most 50 tags are allowed (got 51)']);
  });
  test('fails for a key over 128 characters', () => {
    expect(tagViolations({ ['k'.repeat(129)]: 'v' })[0]).toMatch(/1 to 128 characters long \(it has 129\)/);
  });
  test('fails for a value over 256 characters', () => {
    expect(tagViolations({ k: 'v'.repeat(257) })[0]).toMatch(/value of tag 'k' must be at most 256/);
  });
  test('fails for the reserved aws: prefix in any case', () => {
    expect(tagViolations({ 'AWS:owner': 'x' })[0]).toMatch(/must not start with 'aws:'/);
  });
});

describe('lifecycle settings', () => {
  test.each(['deep-archive', 'glacier', 'intelligent-tiering', 'none'] as const)('accepts preset %s', (p) =>
    expect(lifecycleViolations(p)).toEqual([]),
  );
  test('fails for an unknown preset and lists the known ones', () => {
    expect(lifecycleViolations('cold' as never)[0]).toMatch(/'deep-archive', 'glacier', 'intelligent-tiering', 'none'/);
  });
  test('fails for duplicate ids, negative days and zero-day expiration', () => {
    const broken = lifecycleViolations([
      { id: 'a', expirationDays: 0 },
      { id: 'a', transitions: [{ days: -1, storageClass: 'GLACIER' }] },
    ]);
    expect(broken.join('\n')).toMatch(/expirationDays must be at least 1/);
    expect(broken.join('\n')).toMatch(/rule id 'a' is used twice/);
    expect(broken.join('\n')).toMatch(/transitions\[\]\.days must be a whole number of days >= 0 \(got -1\)/);
  });
});

describe('geo restriction', () => {
  test('accepts a whitelist of US', () => {
    expect(geoRestrictionViolations({ type: 'whitelist', locations: ['US'] })).toEqual([]);
  });
  test('fails for lowercase codes and empty lists', () => {
    expect(geoRestrictionViolations({ type: 'blacklist', locations: ['us'] })[0]).toMatch(/'us' must be an ISO 3166-1/);
    expect(geoRestrictionViolations({ type: 'whitelist', locations: [] })[0]).toMatch(/at least one country/);
  });
});
