import type { BucketSetting } from '../../constructs/admin-bucket';
import { bucketAdminGroupName, bucketAdminPolicyName, websiteAdminGroupName, websiteAdminPolicyName } from '../rules/conventions';
import { ScannedBucket, ScannedEstate, ScannedUser, ScannedWebsite } from './adopt-scan';
import { stackImports, StackImports } from './package-version';
import { comment, ts, VariableNames } from './source-text';

export interface AdoptWriterOptions {
  /** @default 'AdoptedEstateStack' */
  readonly className?: string;
  /** The modules the stack imports. @default - those of the package the command runs from */
  readonly imports?: StackImports;
  /** The region the stack's provider deploys to; buckets elsewhere get a note. @default - no region check */
  readonly region?: string;
}

/** What the first deploy changes on an adopted bucket, so the reviewer reads it before the plan does. */
function changeNotes(bucket: ScannedBucket, publicRead: boolean, undeclared: string[], region: string | undefined): string[] {
  const notes: string[] = [];
  if (region && bucket.region && bucket.region !== region) {
    notes.push(`the bucket is in ${bucket.region}, not ${region}: deploy it from a stack whose provider has that region`);
  }
  const block = bucket.publicAccessBlock;
  const wanted = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: !publicRead, RestrictPublicBuckets: !publicRead };
  if (!block || Object.entries(wanted).some(([k, on]) => block[k] !== on)) notes.push(`the public access block becomes ${publicRead ? 'ACLs blocked, public policy allowed' : 'fully on'}`);
  if (bucket.objectOwnership !== 'BucketOwnerEnforced') notes.push('object ownership becomes BucketOwnerEnforced (ACLs off)');
  if (bucket.hasBucketPolicy) notes.push('the bucket policy is replaced by the declared one');
  if (!bucket.encryption) notes.push('default encryption SSE-S3 is set');
  if (!bucket.adminPolicyArn) notes.push(`${bucketAdminPolicyName(bucket.name)} is created`);
  if (!bucket.adminGroup) notes.push(`${bucketAdminGroupName(bucket.name)} is created`);
  for (const setting of undeclared) notes.push(`its ${setting} is not declared by the construct: Terraform leaves it as it is`);
  return notes;
}

function bucketProps(b: ScannedBucket) {
  return {
    bucketName: b.name,
    tags: Object.keys(b.tags).length ? b.tags : undefined,
    lifecycle: b.lifecycle === 'none' ? undefined : b.lifecycle,
    accessLogs: b.logging,
    versioning: b.versioning === 'Enabled' ? true : undefined,
    encryption: b.encryption?.algorithm === 'aws:kms' && b.encryption.kmsKeyId ? { kmsKeyArn: b.encryption.kmsKeyId } : undefined,
  };
}

/** The `ExistingBucket` of a scanned bucket, adopting the given settings. */
function existingBucket(b: ScannedBucket, settings: BucketSetting[]) {
  return {
    settings: settings.length ? settings : undefined,
    adminPolicyArn: b.adminPolicyArn,
    adminGroup: b.adminGroup || undefined,
    adminPolicyAttached: b.adminPolicyAttached || undefined,
  };
}

const WEBSITE_SETTINGS: BucketSetting[] = ['publicAccessBlock', 'ownershipControls', 'encryption', 'logging', 'policy'];

/**
 * Writes a TypeScript stack that declares the scanned estate with this library's constructs, each followed
 * by its `importExisting` call, so that the first `cdktf deploy` imports what exists instead of creating it.
 */
export function writeAdoptedStack(estate: ScannedEstate, options: AdoptWriterOptions = {}): string {
  const imports = options.imports ?? stackImports();
  const names = new VariableNames();
  const I = '    ';
  const grantByGroup = new Map<string, string>();
  const body: string[] = [];

  const plainBuckets = [...estate.buckets, ...estate.websites.filter((w) => !w.hostedZoneId).map((w) => w.bucket)];
  for (const b of plainBuckets) {
    const v = names.take(b.name, 'Bucket');
    if (b.adminGroup) grantByGroup.set(bucketAdminGroupName(b.name), `${v}.grantAdmin`);
    const website = estate.websites.find((w) => w.domain === b.name);
    const notes = changeNotes(b, false, [], options.region);
    if (website) notes.unshift('a website without a hosted zone here: declared as a bucket only (StaticWebsite needs the zone)');
    body.push(
      `${I}// bucket ${b.name}\n${comment(notes, I)}${I}const ${v} = new AdminBucket(this, ${ts(`Bucket-${b.name}`)}, ${ts(bucketProps(b), I)});\n` +
        `${I}${v}.importExisting(${ts(existingBucket(b, b.existingSettings), I)});\n`,
    );
  }

  for (const w of estate.websites.filter((site) => site.hostedZoneId)) body.push(website(w, names, grantByGroup, I, options.region));

  for (const u of estate.users) body.push(user(u, names, grantByGroup, I));

  const used = [
    ...(plainBuckets.length ? ['AdminBucket'] : []),
    ...(estate.websites.some((w) => w.hostedZoneId) ? ['StaticWebsite'] : []),
    ...(estate.users.length ? ['BucketUser'] : []),
  ].sort();
  return `// Written by \`s3-admin adopt\` from what the account holds: ${estate.buckets.length} bucket(s), ${estate.websites.length} website(s), ${estate.users.length} user(s).
// Review it before the first \`${imports.core} deploy\`: each importExisting call imports what exists (cdktf importFrom), so
// nothing is created twice; the notes above each declaration say what that deploy changes.
import { AwsProvider } from '${imports.awsProvider}/lib/provider';
import { TerraformStack } from '${imports.core}';
import { Construct } from 'constructs';
import { ${used.join(', ')} } from ${ts(imports.library)};

export class ${options.className ?? 'AdoptedEstateStack'} extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', {});

${body.join('\n')}  }
}
`;
}

function website(
  w: ScannedWebsite,
  names: VariableNames,
  grantByGroup: Map<string, string>,
  I: string,
  region: string | undefined,
): string {
  const v = names.take(w.domain, 'Site');
  const d = w.distribution;
  if (w.bucket.adminGroup) grantByGroup.set(bucketAdminGroupName(w.domain), `${v}.bucket.grantAdmin`);
  if (w.webAdminGroup) grantByGroup.set(websiteAdminGroupName(w.domain), `${v}.grantWebAdmin`);
  const origin = d?.origin ?? 'origin-access-control';
  const props = {
    domainName: w.domain,
    hostedZoneId: w.hostedZoneId,
    certificateArn: d?.certificateArn,
    indexDocument: w.indexDocument,
    errorDocument: w.errorDocument,
    geoRestriction: d?.geoRestriction,
    priceClass: d?.priceClass,
    origin: origin === 'origin-access-control' ? undefined : origin,
    tags: Object.keys(w.bucket.tags).length ? w.bucket.tags : undefined,
    accessLogs: w.bucket.logging,
  };
  const declared = WEBSITE_SETTINGS.filter((s) => s !== 'logging' || w.bucket.logging);
  const undeclared = w.bucket.existingSettings.filter((s) => !declared.includes(s));
  const notes = changeNotes(w.bucket, origin === 'website-endpoint', undeclared, region);
  if (!d) notes.push('no distribution serves the domain: one is created');
  else if (!d.certificateArn) notes.push('the distribution has no ACM certificate: one is requested and validated in the zone');
  if (!w.webAdminPolicyArn) notes.push(`${websiteAdminPolicyName(w.domain)} is created`);
  const existing = {
    bucket: existingBucket(w.bucket, w.bucket.existingSettings.filter((s) => declared.includes(s))),
    websiteConfiguration: w.websiteConfiguration || undefined,
    distributionId: d?.id,
    originAccessControlId: origin === 'origin-access-control' ? d?.originAccessControlId : undefined,
    records: w.records.length ? w.records : undefined,
    webAdminPolicyArn: w.webAdminPolicyArn,
    webAdminGroup: w.webAdminGroup || undefined,
    webAdminPolicyAttached: w.webAdminPolicyAttached || undefined,
  };
  return (
    `${I}// website ${w.domain}\n${comment(notes, I)}${I}const ${v} = new StaticWebsite(this, ${ts(`Website-${w.domain}`)}, ${ts(props, I)});\n` +
    `${I}${v}.importExisting(${ts(existing, I)});\n`
  );
}

function user(u: ScannedUser, names: VariableNames, grantByGroup: Map<string, string>, I: string): string {
  const v = names.take(u.name, 'User');
  const adopted = u.groups.filter((g) => grantByGroup.has(g));
  const notes: string[] = [];
  const others = u.groups.filter((g) => !grantByGroup.has(g));
  if (others.length) notes.push(`also in ${others.join(', ')}: not declared here, and left as it is`);
  if (u.accessKeyIds.length === 0) notes.push('has no access key: one is created');
  if (u.accessKeyIds.length > 1) notes.push(`keeps ${u.accessKeyIds.slice(1).join(', ')} unmanaged: only the newest key is adopted`);
  if (u.accessKeyIds.length) notes.push('the adopted key keeps working; its secret is not in the state (IAM never returns it): rotate with keyRotation to get one that is');
  // the grants make the membership; its import names the groups literally
  const grants = adopted.map((g) => `${I}${grantByGroup.get(g)}(${v});\n`).join('');
  return (
    `${I}// user ${u.name}\n${comment(notes, I)}${I}const ${v} = new BucketUser(this, ${ts(`User-${u.name}`)}, { userName: ${ts(u.name)} });\n` +
    grants +
    `${I}${v}.importExisting(${ts({ groups: adopted.length ? adopted : undefined, accessKeyId: u.accessKeyIds[0] }, I)});\n`
  );
}
