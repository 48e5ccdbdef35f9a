import * as fs from 'node:fs';
import * as path from 'node:path';
import { ScannedBucket, ScannedEstate } from '../lib/day2/adopt-scan';
import { writeAdoptedStack } from '../lib/day2/adopt-writer';
import { ownPackage, stackImports } from '../lib/day2/package-version';
import { OstorScan } from '../lib/day2/target-scan';
import { writeTargetStack } from '../lib/day2/target-writer';
import { requireBuilds, withCdktnImports } from './cdktn/toolkits';
import { repoRoot } from './support/repo-root';
import { typeCheck } from './support/type-check';

function bucket(name: string, extra: Partial<ScannedBucket> = {}): ScannedBucket {
  return {
    name,
    tags: {},
    versioning: 'Disabled',
    lifecycle: 'none',
    existingSettings: [],
    adminGroup: true,
    adminPolicyAttached: false,
    members: [],
    hasBucketPolicy: false,
    encryption: { algorithm: 'AES256' },
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    objectOwnership: 'BucketOwnerEnforced',
    ...extra,
  };
}

/** The stack writer on hand-made scans: what it must write for cases the moto estate does not hold. */
describe('writeAdoptedStack', () => {
  const dir = path.join(repoRoot(), '.cache', 'test-adopt-writer');
  beforeAll(() => fs.mkdirSync(dir, { recursive: true }));

  test('quotes tag values, writes custom lifecycle rules as rules and a KMS key, and type-checks', () => {
    const estate: ScannedEstate = {
      buckets: [
        bucket('archive-7', {
          tags: { COA: 'Take.My.Money.$$$$', Owner: "O'Brien", 'cost:center': 'a\\b' },
          lifecycle: [{ id: 'logs', prefix: 'logs/', transitions: [{ days: 30, storageClass: 'GLACIER' }], noncurrentVersionTransitions: [], expirationDays: 365 }],
          encryption: { algorithm: 'aws:kms', kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234' },
          existingSettings: ['lifecycle', 'encryption'],
        }),
      ],
      websites: [],
      users: [],
      denied: [],
      calls: 0,
    };
    const source = writeAdoptedStack(estate, { imports: stackImports('cdktf-s3-admin') });
    expect(source).toContain("Owner: 'O\\'Brien',");
    expect(source).toContain("'cost:center': 'a\\\\b',");
    expect(source).toContain("kmsKeyArn: 'arn:aws:kms:us-east-1:123456789012:key/1234'");
    expect(source).toMatch(/lifecycle: \[\n\s+\{\n\s+id: 'logs',\n\s+prefix: 'logs\/',/);
    expect(source).toContain("import { AdminBucket } from 'cdktf-s3-admin';");
    const file = path.join(dir, 'custom.ts');
    fs.writeFileSync(file, source);
    expect(typeCheck(file)).toEqual([]);
  }, 60_000);

  test('imports only the constructs it uses, and notes what the first deploy changes', () => {
    const site = bucket('www.acme.example', { adminGroup: false, objectOwnership: undefined, hasBucketPolicy: true, existingSettings: ['policy', 'versioning'], versioning: 'Enabled' });
    const source = writeAdoptedStack({
      buckets: [],
      websites: [{ domain: 'www.acme.example', bucket: site, websiteConfiguration: true, hostedZoneId: 'Z1', records: ['A'], webAdminGroup: false, webAdminPolicyAttached: false, members: [] }],
      users: [],
      denied: [],
      calls: 0,
    });
    expect(source).toContain("import { StaticWebsite } from 'cdktf-s3-admin';");
    expect(source).toContain('// no distribution serves the domain: one is created');
    expect(source).toContain('// the bucket policy is replaced by the declared one');
    expect(source).toContain('// object ownership becomes BucketOwnerEnforced (ACLs off)');
    // versioning of a website bucket is not declared by StaticWebsite: left alone, and not imported
    expect(source).toContain('// its versioning is not declared by the construct: Terraform leaves it as it is');
    expect(source).toMatch(/bucket: \{\n\s+settings: \['policy'\],/);
  });

  test('variable names stay valid and distinct for names that differ only in punctuation', () => {
    const source = writeAdoptedStack({ buckets: [bucket('a.b'), bucket('a-b'), bucket('9lives')], websites: [], users: [], denied: [], calls: 0 });
    expect(source.match(/const (\w+) = new AdminBucket/g)).toEqual(['const aBBucket = new AdminBucket', 'const aBBucket2 = new AdminBucket', 'const _9livesBucket = new AdminBucket']);
  });
});

describe('the toolkit of the written stack', () => {
  /** The same stack written for cdktn is the cdktf one with the imports a cdktn app writes (and its deploy command named). */
  const asCdktn = (cdktf: string) => withCdktnImports(cdktf).replace('`cdktf deploy`', '`cdktn deploy`');

  test('run from cdktn-s3-admin, adopt writes stacks that import cdktn, its AWS provider and cdktn-s3-admin', () => {
    const estate: ScannedEstate = { buckets: [bucket('a-b')], websites: [], users: [], denied: [], calls: 0 };
    const cdktn = writeAdoptedStack(estate, { imports: stackImports('cdktn-s3-admin') });
    expect(cdktn).toBe(asCdktn(writeAdoptedStack(estate, { imports: stackImports('cdktf-s3-admin') })));
    expect(cdktn).toMatch(/^import \{ TerraformStack \} from 'cdktn';$/m);
    expect(cdktn).toMatch(/^import \{ AwsProvider \} from '@cdktn\/provider-aws\/lib\/provider';$/m);
    expect(cdktn).toMatch(/^import \{ AdminBucket \} from 'cdktn-s3-admin';$/m);

    const scan: OstorScan = { target: 'ostor', endpoint: 'https://s3.example.com', users: [{ email: 'a@example.com', enabled: true, accessKeyIds: ['K1'] }], skipped: [], calls: 2 };
    const target = writeTargetStack(scan, { imports: stackImports('cdktn-s3-admin') });
    expect(target).toBe(asCdktn(writeTargetStack(scan, { imports: stackImports('cdktf-s3-admin') })));
    expect(target).toMatch(/^import \{ OstorAccessKey, OstorEndpoint, OstorUser \} from 'cdktn-s3-admin';$/m);
    // --module names the library, the toolkit stays the package's
    expect(stackImports('cdktn-s3-admin', '@acme/storage')).toEqual({ core: 'cdktn', awsProvider: '@cdktn/provider-aws', library: '@acme/storage' });
  });

  test('the command knows which package it runs from: this repository, or the cdktn build', () => {
    requireBuilds();
    expect(ownPackage().name).toBe('cdktf-s3-admin');
    const cdktnPackage = path.join(repoRoot(), 'dist', 'cdktn-s3-admin');
    expect(ownPackage(path.join(cdktnPackage, 'dist', 'lib', 'day2'))).toEqual({ dir: cdktnPackage, name: 'cdktn-s3-admin', version: ownPackage().version });
  });
});
