import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicyAttachment } from '@cdktf/provider-aws/lib/iam-group-policy-attachment';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { App, TerraformStack } from 'cdktf';
import { AdminBucket } from '../../constructs/admin-bucket';
import { bucketAdminPolicy } from '../../lib/synth/policies/bucket-admin-policy';
import { denyInsecureTransport } from '../../lib/synth/policies/bucket-resource-policy';
import { renderPolicy } from '../../lib/synth/policies/policy-document';
import { replaceTriggeredBy } from '../../lib/synth/replace-triggered-by';
import { TerraformData } from '../../lib/synth/terraform-data';

/**
 * One measured synthesis, run in its own process so that peak RSS belongs to this case alone.
 * Usage: node synth-case.js MODE N  → prints one JSON line {seconds, peakRssMiB, resources}.
 */
function declareWithConstructs(stack: TerraformStack, n: number, bookmark: boolean): void {
  for (let i = 0; i < n; i++) {
    new AdminBucket(stack, `B${i}`, { bucketName: `bench-bucket-${i}`, bookmark }).addUser(`bench-user-${i}`);
  }
}

/** The same resources, written directly with the provider classes, as a user without this library would. */
function declareWithProviderClasses(stack: TerraformStack, n: number): void {
  for (let i = 0; i < n; i++) {
    const name = `bench-bucket-${i}`;
    const bucket = new S3Bucket(stack, `Bucket${i}`, { bucket: name, forceDestroy: false });
    const block = new S3BucketPublicAccessBlock(stack, `Pab${i}`, {
      bucket: bucket.id, blockPublicAcls: true, ignorePublicAcls: true, blockPublicPolicy: true, restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(stack, `Own${i}`, { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(stack, `Sse${i}`, {
      bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketPolicy(stack, `Pol${i}`, { bucket: bucket.id, policy: renderPolicy([denyInsecureTransport(name)]), dependsOn: [block] });
    const policy = new IamPolicy(stack, `Plc${i}`, { name: `${name}-BktAdmPlc`, policy: bucketAdminPolicy(name) });
    const group = new IamGroup(stack, `Grp${i}`, { name: `${name}-BktAdmGrp` });
    new IamGroupPolicyAttachment(stack, `Att${i}`, { group: group.name, policyArn: policy.arn });
    const user = new IamUser(stack, `User${i}`, { name: `bench-user-${i}` });
    new IamUserGroupMembership(stack, `Mem${i}`, { user: user.name, groups: [group.name] });
    const generation = new TerraformData(stack, `Gen${i}`, { input: { generation: 1 } });
    const key = new IamAccessKey(stack, `Key${i}`, { user: user.name, lifecycle: { createBeforeDestroy: true } });
    replaceTriggeredBy(key, [generation]);
  }
}

const [mode, count] = process.argv.slice(2);
const n = Number(count);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-synth-'));
const started = process.hrtime.bigint();
const app = new App({ outdir });
const stack = new TerraformStack(app, 'bench');
new AwsProvider(stack, 'aws', {});
if (mode === 'provider') declareWithProviderClasses(stack, n);
else declareWithConstructs(stack, n, mode === 'constructs');
app.synth();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const tf = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks/bench/cdk.tf.json'), 'utf8'));
const resources = Object.values<Record<string, unknown>>(tf.resource).reduce((a, r) => a + Object.keys(r).length, 0);
fs.rmSync(outdir, { recursive: true, force: true });
console.log(JSON.stringify({ seconds, peakRssMiB: process.resourceUsage().maxRSS / 1024, resources }));
