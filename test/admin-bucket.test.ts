import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotationMetadataEntryType, TerraformOutput, Testing, Token } from 'cdktf';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { AdminBucket } from '../constructs/admin-bucket';
import { BucketUser } from '../constructs/bucket-user';
import { BUCKET_ADMIN_BUCKET_ACTIONS } from '../lib/synth/policies/bucket-admin-policy';
import { newStack, resourcesOf, synthJson, theResource } from './support/synth';

const referencePolicy = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'support/fixtures/reference-bucket-admin-policy.json'), 'utf8'),
);

describe('AdminBucket', () => {
  test('creates a bucket that is secure by default', () => {
    // GIVEN / WHEN
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data' }));
    // THEN
    expect(theResource(json, 'aws_s3_bucket')).toMatchObject({ bucket: 'acme-data', force_destroy: false });
    expect(theResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      ignore_public_acls: true,
      block_public_policy: true,
      restrict_public_buckets: true,
    });
    expect(theResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
    expect(theResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } },
    ]);
    const policy = JSON.parse(theResource(json, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement).toEqual([
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    ]);
  });

  test('makes no versioning, lifecycle or logging resource unless asked', () => {
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data' }));
    for (const type of ['aws_s3_bucket_versioning', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_logging']) {
      expect(resourcesOf(json, type)).toHaveLength(0);
    }
  });

  test('admin policy holds exactly the reference action list on the bucket and s3:* on its objects', () => {
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'foobarbucketname' }));
    const policy = theResource(json, 'aws_iam_policy');
    expect(policy.name).toBe('foobarbucketname-BktAdmPlc');
    const doc = JSON.parse(policy.policy);
    const [bucketStmt, objectStmt] = doc.Statement;
    const [refBucket, refObject] = referencePolicy.Statement;
    expect([...bucketStmt.Action].sort()).toEqual([...refBucket.Action].sort());
    expect(bucketStmt.Resource).toEqual(['arn:aws:s3:::foobarbucketname']);
    expect(objectStmt.Action).toBe(refObject.Action);
    expect(objectStmt.Resource).toEqual(['arn:aws:s3:::foobarbucketname/*']);
    expect(new Set(BUCKET_ADMIN_BUCKET_ACTIONS).size).toBe(BUCKET_ADMIN_BUCKET_ACTIONS.length);
  });

  test('attaches the admin policy to the group <bucket>-BktAdmGrp', () => {
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'foobarbucketname' }));
    expect(theResource(json, 'aws_iam_group').name).toBe('foobarbucketname-BktAdmGrp');
    const attachment = theResource(json, 'aws_iam_group_policy_attachment');
    expect(attachment.group).toMatch(/^\$\{aws_iam_group\.[^.]+\.name\}$/);
    expect(attachment.policy_arn).toMatch(/^\$\{aws_iam_policy\.[^.]+\.arn\}$/);
  });

  test('puts the tags on the bucket and the admin policy, but a value IAM refuses on the bucket only, with a warning', () => {
    // GIVEN the reference's tags: `$` is fine on an S3 bucket, refused in an IAM tag
    const tags = { Application: 'HowToGet', COA: 'Take.My.Money.$$$$' };
    let bucket!: AdminBucket;
    // WHEN
    const { json } = synthJson((s) => (bucket = new AdminBucket(s, 'B', { bucketName: 'acme-data', tags })));
    // THEN
    expect(theResource(json, 'aws_s3_bucket').tags).toEqual(tags);
    expect(theResource(json, 'aws_iam_policy').tags).toEqual({ Application: 'HowToGet' });
    expect(bucket.node.metadata.map((m) => m.data)).toContainEqual(expect.stringMatching(/tag\(s\) 'COA' stay on the bucket only: IAM, ACM and CloudFront accept only/));
  });

  test('fails for a BucketUser tag that IAM would refuse', () => {
    expect(() => new BucketUser(newStack(), 'U', { userName: 'u', tags: { COA: 'Take.My.Money.$$$$' } })).toThrow(
      /\[test\/U\] 'tags' is invalid, got .*: tag 'COA' may hold only letters, digits, spaces and _ \. : \/ = \+ - @ in its key and value/,
    );
  });

  test('deep-archive preset moves current and noncurrent objects to DEEP_ARCHIVE', () => {
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data', lifecycle: 'deep-archive' }));
    const [rule] = theResource(json, 'aws_s3_bucket_lifecycle_configuration').rule;
    expect(rule).toMatchObject({
      id: 'deep-archive',
      status: 'Enabled',
      transition: [{ days: 0, storage_class: 'DEEP_ARCHIVE' }],
      noncurrent_version_transition: [{ noncurrent_days: 0, storage_class: 'DEEP_ARCHIVE' }],
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
    });
  });

  test.each([
    ['glacier', 'GLACIER'],
    ['intelligent-tiering', 'INTELLIGENT_TIERING'],
  ] as const)('%s preset transitions to %s', (preset, storageClass) => {
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data', lifecycle: preset }));
    expect(theResource(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].transition).toEqual([
      { days: 0, storage_class: storageClass },
    ]);
  });

  test('renders custom lifecycle rules', () => {
    const { json } = synthJson(
      (s) =>
        new AdminBucket(s, 'B', {
          bucketName: 'acme-data',
          versioning: true,
          lifecycle: [{ id: 'tmp', prefix: 'tmp/', expirationDays: 30, noncurrentVersionExpirationDays: 5 }],
        }),
    );
    const lifecycle = theResource(json, 'aws_s3_bucket_lifecycle_configuration');
    expect(lifecycle.rule).toEqual([
      {
        id: 'tmp',
        status: 'Enabled',
        filter: [{ prefix: 'tmp/' }],
        expiration: [{ days: 30 }],
        noncurrent_version_expiration: [{ noncurrent_days: 5 }],
        abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      },
    ]);
    expect(lifecycle.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_versioning\./)]);
    expect(theResource(json, 'aws_s3_bucket_versioning').versioning_configuration).toEqual({ status: 'Enabled' });
  });

  test('access logs default to the prefix s3/<bucketName>/', () => {
    const { json } = synthJson(
      (s) => new AdminBucket(s, 'B', { bucketName: 'acme-data', accessLogs: { targetBucket: 'acme-logs' } }),
    );
    expect(theResource(json, 'aws_s3_bucket_logging')).toMatchObject({
      target_bucket: 'acme-logs',
      target_prefix: 's3/acme-data/',
    });
  });

  test('a KMS key switches encryption to SSE-KMS with a bucket key', () => {
    const kmsKeyArn = 'arn:aws:kms:us-east-1:111122223333:key/abcd';
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data', encryption: { kmsKeyArn } }));
    expect(theResource(json, 'aws_s3_bucket_server_side_encryption_configuration').rule).toEqual([
      { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: kmsKeyArn }, bucket_key_enabled: true },
    ]);
  });

  test('forceDestroy is passed on and earns a warning', () => {
    const stack = newStack();
    const bucket = new AdminBucket(stack, 'B', { bucketName: 'acme-data', forceDestroy: true });
    const json = JSON.parse(Testing.synth(stack));
    expect(theResource(json, 'aws_s3_bucket').force_destroy).toBe(true);
    const warnings = bucket.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings.join('\n')).toMatch(/forceDestroy.*deletes 'acme-data'/);
  });

  test('statements added after construction still reach the bucket policy', () => {
    const { json } = synthJson((s) => {
      const b = new AdminBucket(s, 'B', { bucketName: 'acme-data' });
      b.addToResourcePolicy({ Sid: 'Later', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'x' });
    });
    const sids = JSON.parse(theResource(json, 'aws_s3_bucket_policy').policy).Statement.map((s: { Sid: string }) => s.Sid);
    expect(sids).toEqual(['DenyInsecureTransport', 'Later']);
  });

  test('addUser creates a user in the admin group', () => {
    const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'foobarbucketname' }).addUser('somebucketuser'));
    expect(theResource(json, 'aws_iam_user').name).toBe('somebucketuser');
    expect(theResource(json, 'aws_iam_user_group_membership').groups).toEqual([
      expect.stringMatching(/^\$\{aws_iam_group\.[^.]+\.name\}$/),
    ]);
    expect(resourcesOf(json, 'aws_iam_access_key')).toHaveLength(1);
  });

  describe('grantAdmin', () => {
    const adminGroupRef = /^\$\{aws_iam_group\.B_AdminGroup_[^.]+\.name\}$/;

    test('a BucketUser joins <bucket>-BktAdmGrp through its own membership, and the grant says so', () => {
      // GIVEN
      const stack = newStack();
      const bucket = new AdminBucket(stack, 'B', { bucketName: 'acme-data' });
      const user = new BucketUser(stack, 'Uploader', { userName: 'uploader' });
      // WHEN
      const grant = bucket.grantAdmin(user);
      // THEN
      expect(grant).toMatchObject({ kind: 'bucketAdmin', granteeType: 'user', group: bucket.adminGroup, policy: bucket.adminPolicy });
      expect(grant.membership?.node.path).toBe('test/Uploader/Groups');
      expect(grant.policyAttachment).toBeUndefined();
      new TerraformOutput(stack, 'Grantee', { value: grant.grantee });
      const json = JSON.parse(Testing.synth(stack));
      expect(json.output.Grantee.value).toMatch(/^\$\{aws_iam_user\.Uploader_User_[^.]+\.name\}$/);
      const membership = theResource(json, 'aws_iam_user_group_membership');
      expect(membership.user).toMatch(/^\$\{aws_iam_user\.Uploader_User_[^.]+\.name\}$/);
      expect(membership.groups).toEqual([expect.stringMatching(adminGroupRef)]);
    });

    test('a BucketUser granted by two buckets holds both groups in its one membership', () => {
      const { json } = synthJson((s) => {
        const user = new BucketUser(s, 'Uploader', { userName: 'uploader' });
        new AdminBucket(s, 'B', { bucketName: 'acme-data' }).grantAdmin(user);
        new AdminBucket(s, 'C', { bucketName: 'acme-more' }).grantAdmin(user);
      });
      expect(theResource(json, 'aws_iam_user_group_membership').groups).toEqual([
        expect.stringMatching(adminGroupRef),
        expect.stringMatching(/^\$\{aws_iam_group\.C_AdminGroup_[^.]+\.name\}$/),
      ]);
    });

    test('an IamUser of the AWS provider gets a membership of its own in the bucket', () => {
      const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data' }).grantAdmin(new IamUser(s, 'Ci', { name: 'ci-bot' })));
      const [[address, membership]] = Object.entries(json.resource!.aws_iam_user_group_membership);
      expect(address).toMatch(/^B_AdminGrantUser-ci-bot_[0-9A-F]{8}$/);
      expect(membership).toEqual({ user: '${aws_iam_user.Ci.name}', groups: [expect.stringMatching(adminGroupRef)] });
    });

    test('an IamUser whose name is a token is told apart by its construct', () => {
      const { json } = synthJson((s) => {
        const bucket = new AdminBucket(s, 'B', { bucketName: 'acme-data' });
        bucket.grantAdmin(new IamUser(s, 'U1', { name: Token.asString({ Ref: 'a' }) }));
        bucket.grantAdmin(new IamUser(s, 'U2', { name: Token.asString({ Ref: 'b' }) }));
      });
      expect(resourcesOf(json, 'aws_iam_user_group_membership')).toHaveLength(2);
    });

    test('an IAM user name joins by name', () => {
      const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-data' }).grantAdmin('existing-user'));
      expect(theResource(json, 'aws_iam_user_group_membership')).toEqual({ user: 'existing-user', groups: [expect.stringMatching(adminGroupRef)] });
    });

    test('an IamGroup gets <bucket>-BktAdmPlc attached', () => {
      // GIVEN
      const stack = newStack();
      const bucket = new AdminBucket(stack, 'B', { bucketName: 'acme-data' });
      const ops = new IamGroup(stack, 'Ops', { name: 'ops' });
      // WHEN
      const grant = bucket.grantAdmin(ops);
      // THEN
      expect(grant.granteeType).toBe('group');
      expect(grant.membership).toBeUndefined();
      new TerraformOutput(stack, 'Grantee', { value: grant.grantee });
      const json = JSON.parse(Testing.synth(stack));
      expect(json.output.Grantee.value).toBe('${aws_iam_group.Ops.name}');
      expect(theResource(json, 'aws_iam_group_policy_attachment', (a) => a.group === '${aws_iam_group.Ops.name}').policy_arn).toMatch(
        /^\$\{aws_iam_policy\.B_AdminPolicy_[^.]+\.arn\}$/,
      );
    });

    test('granting the same grantee twice gives the first grant', () => {
      const stack = newStack();
      const bucket = new AdminBucket(stack, 'B', { bucketName: 'acme-data' });
      const ops = new IamGroup(stack, 'Ops', { name: 'ops' });
      expect(bucket.grantAdmin(ops)).toBe(bucket.grantAdmin(ops));
      expect(bucket.grantAdmin('someone')).toBe(bucket.grantAdmin('someone'));
      expect(resourcesOf(JSON.parse(Testing.synth(stack)), 'aws_iam_group_policy_attachment')).toHaveLength(2);
    });

    test('fails for a grantee of another kind, naming it', () => {
      const stack = newStack();
      const bucket = new AdminBucket(stack, 'B', { bucketName: 'acme-data' });
      expect(() => bucket.grantAdmin(new AdminBucket(stack, 'Other', { bucketName: 'acme-other' }) as never)).toThrow(
        /^\[test\/B\] a grantee must be a BucketUser, an IamUser, an IamGroup or an IAM user name, got the construct test\/Other \(AdminBucket\)$/,
      );
    });
  });

  describe('objectOwnership', () => {
    test('BucketOwnerPreferred turns ACLs on (what CloudFront standard logging needs); public ACLs stay blocked', () => {
      const { json } = synthJson((s) => new AdminBucket(s, 'B', { bucketName: 'acme-logs', objectOwnership: 'BucketOwnerPreferred' }));
      expect(theResource(json, 'aws_s3_bucket_ownership_controls').rule).toEqual({ object_ownership: 'BucketOwnerPreferred' });
      expect(theResource(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, ignore_public_acls: true });
    });

    test('fails for an unknown setting', () => {
      expect(() => new AdminBucket(newStack(), 'B', { bucketName: 'acme-logs', objectOwnership: 'Anyone' as never })).toThrow(
        /^\[test\/B\] 'objectOwnership' is invalid, got "Anyone": must be one of BucketOwnerEnforced, BucketOwnerPreferred, ObjectWriter$/,
      );
    });
  });

  describe('validation', () => {
    test('fails for an invalid bucket name, naming the construct path, the value and the rule', () => {
      expect(() => new AdminBucket(newStack(), 'Data', { bucketName: 'bad_name' })).toThrow(
        /^\[test\/Data\] 'bucketName' is invalid, got "bad_name": may contain only lowercase letters, digits, dots and hyphens \('_' at offset 3\)$/,
      );
    });
    test('fails listing every broken rule of a bucket name', () => {
      expect(() => new AdminBucket(newStack(), 'Data', { bucketName: 'xn--a..b-' })).toThrow(
        /must end with a lowercase letter or digit\n {2}- must not contain two adjacent dots \(offset 5\)\n {2}- must not start with the prefix 'xn--'/,
      );
    });
    test('fails for an invalid access-log target bucket, naming the field', () => {
      expect(() => new AdminBucket(newStack(), 'Data', { bucketName: 'acme-data', accessLogs: { targetBucket: 'Logs_Bucket' } })).toThrow(
        /'accessLogs\.targetBucket' is invalid, got "Logs_Bucket": \n  - may contain only lowercase letters, digits, dots and hyphens \('L' at offset 0\)/,
      );
    });

    test('fails for too many tags', () => {
      const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v']));
      expect(() => new AdminBucket(newStack(), 'Data', { bucketName: 'acme-data', tags })).toThrow(
        /\[test\/Data\] 'tags' is invalid, got .*: at most 50 tags are allowed \(got 51\)/,
      );
    });
    test('fails for an unknown lifecycle preset', () => {
      expect(() => new AdminBucket(newStack(), 'Data', { bucketName: 'acme-data', lifecycle: 'cold' as never })).toThrow(
        /'lifecycle' is invalid, got "cold": must be one of 'deep-archive'/,
      );
    });
    test('skips name validation for unresolved tokens', () => {
      const stack = newStack();
      expect(() => new AdminBucket(stack, 'Data', { bucketName: Token.asString({ Ref: 'x' }) })).not.toThrow();
    });
  });
});
