import { displayNameViolations, emailViolations } from '../rules/contact';
import { rgwCapsViolations } from '../rules/rgw-rules';
import { storjDescriptionViolations, storjProjectNameViolations } from '../schema/storj';
import { credentialVariables, TARGET_INFO } from './admin-targets';
import { stackImports, StackImports } from './package-version';
import { code, comment, ts, tsCompact, VariableNames } from './source-text';
import { OstorScan, RgwScan, StorjScan, TargetScan, VersityScan } from './target-scan';

export interface TargetWriterOptions {
  /** @default - by target, such as 'AdoptedRgwStack' */
  readonly className?: string;
  /** The modules the stack imports. @default - those of the package the command runs from */
  readonly imports?: StackImports;
}

const I = '    ';

/** A declaration followed by its import: `const v = new Class(this, 'id', props);` then `v.importExisting(id);`. */
function declare(v: string, className: string, id: string, props: Record<string, unknown>, importId?: string): string {
  return `${I}const ${v} = new ${className}(this, ${ts(id)}, ${tsCompact(props, I)});\n${I}${v}.importExisting(${importId === undefined ? '' : ts(importId)});\n`;
}

/** Notes on a value the construct would refuse, so the synth error is no surprise. */
function refused(field: string, value: string | undefined, check: (v: string) => string[]): string[] {
  const broken = value === undefined ? [] : check(value);
  return broken.length ? [`${field} ${JSON.stringify(value)} is refused by the construct (${broken.join('; ')}): edit it before the first deploy`] : [];
}

const RGW_BUCKET_NOTE = [
  "buckets: tags and policy are not read: RGW shows them only to the owner's key, and the scan signs as the admin.",
  "The first deploy leaves them as they are; from then on the provider reads them with the owner's key, and the",
  'next deploy sets what is declared here (none): copy them into the declarations below before that.',
];

function rgwBody(scan: RgwScan, names: VariableNames): string[] {
  const body: string[] = [];
  const ownerKeys = new Map<string, string>();
  const owners = new Set(scan.buckets.map((b) => b.owner));
  for (const u of scan.users) {
    const v = names.take(u.uid, 'User');
    const notes = [...refused('displayName', u.displayName, displayNameViolations), ...refused('email', u.email, emailViolations), ...refused('caps', u.caps, rgwCapsViolations)];
    const props = { endpoint: code('endpoint'), uid: u.uid, displayName: u.displayName, email: u.email, maxBuckets: u.maxBuckets, suspended: u.suspended, userQuota: u.userQuota, bucketQuota: u.bucketQuota, caps: u.caps };
    let text = `${I}// user ${u.uid}\n${comment(notes, I)}${declare(v, 'RgwUser', `User-${u.uid}`, props)}`;
    if (u.accessKeyIds.length >= 4) text += comment([`${u.accessKeyIds.length} keys: a rotation needs room for one more while both exist (maxKeys, default 4)`], I);
    u.accessKeyIds.forEach((keyId, i) => {
      const k = names.take(u.uid, 'Key');
      if (i === 0) ownerKeys.set(u.uid, k);
      text += declare(k, 'RgwAccessKey', `Key-${u.uid}-${i + 1}`, { user: code(v) }, keyId);
    });
    if (!u.accessKeyIds.length && owners.has(u.uid)) {
      const k = names.take(u.uid, 'Key');
      ownerKeys.set(u.uid, k);
      text +=
        comment([`${u.uid} owns buckets but has no S3 key of its own, and RgwBucket needs one: the first deploy makes this key`], I) +
        `${I}const ${k} = new RgwAccessKey(this, ${ts(`Key-${u.uid}-1`)}, { user: ${v} });\n`;
    }
    for (const s of u.subusers) {
      text += declare(names.take(`${u.uid}-${s.name}`, 'Subuser'), 'RgwSubuser', `Subuser-${u.uid}-${s.name}`, { user: code(v), name: s.name, access: s.access });
    }
    body.push(text);
  }
  scan.buckets.forEach((b, i) => {
    const props = { bucketName: b.name, owner: code(ownerKeys.get(b.owner)!), quota: b.quota };
    body.push(`${i === 0 ? comment(RGW_BUCKET_NOTE, I) : ''}${I}// bucket ${b.name} of ${b.owner}\n${declare(names.take(b.name, 'Bucket'), 'RgwBucket', `Bucket-${b.name}`, props)}`);
  });
  return body;
}

function ostorBody(scan: OstorScan, names: VariableNames): string[] {
  return scan.users.map((u) => {
    // the mailbox names the variable; VariableNames tells equal ones apart
    const v = names.take(u.email.split('@')[0], 'User');
    let text = `${I}// user ${u.email}\n${declare(v, 'OstorUser', `User-${u.email}`, { endpoint: code('endpoint'), email: u.email, enabled: u.enabled })}`;
    const [first, ...others] = u.accessKeyIds;
    if (others.length) {
      text += comment([`also has the key ${others.join(', ')}, left unmanaged: one OstorAccessKey per user, and as ostor allows two pairs,`, 'a rotation (keyRotation) fails until that key is revoked'], I);
    }
    if (first) text += declare(names.take(u.email.split('@')[0], 'Key'), 'OstorAccessKey', `Key-${u.email}`, { user: code(v) }, first);
    return text;
  });
}

function versityBody(scan: VersityScan, names: VariableNames): string[] {
  const users = new Map<string, string>();
  const body = scan.users.map((u) => {
    const v = names.take(u.accessKeyId, 'User');
    users.set(u.accessKeyId, v);
    const props = { endpoint: code('endpoint'), accessKeyId: u.accessKeyId, role: u.role, userId: u.userId, groupId: u.groupId };
    return `${I}// user ${u.accessKeyId}\n${declare(v, 'VersityUser', `User-${u.accessKeyId}`, props, u.accessKeyId)}`;
  });
  for (const b of scan.bucketOwners) {
    const props = { endpoint: code('endpoint'), bucketName: b.bucket, owner: code(users.get(b.owner)!) };
    body.push(`${I}// bucket ${b.bucket}, owned by ${b.owner}\n${declare(names.take(b.bucket, 'BucketOwner'), 'VersityBucketOwner', `BucketOwner-${b.bucket}`, props)}`);
  }
  return body;
}

function storjBody(scan: StorjScan, names: VariableNames): string[] {
  return scan.users.map((u) => {
    const v = names.take(u.email.split('@')[0], 'User');
    const props = { endpoint: code('endpoint'), email: u.email, fullName: u.fullName, shortName: u.shortName, projectLimit: u.projectLimit, frozen: u.frozen };
    const notes = [...refused('fullName', u.fullName, displayNameViolations), ...refused('shortName', u.shortName, displayNameViolations)];
    let text = `${I}// user ${u.email}\n${comment(notes, I)}${declare(v, 'StorjUser', `User-${u.email}`, props)}`;
    if (u.frozen) text += comment(['frozen: the satellite holds the storage, bandwidth and segment limits of its projects until the unfreeze, so they are not written'], I);
    for (const p of u.projects) {
      const projectProps = { owner: code(v), name: p.name, description: p.description || undefined, limits: Object.keys(p.limits).length ? p.limits : undefined };
      const projectNotes = [...refused('name', p.name, storjProjectNameViolations), ...refused('description', p.description, storjDescriptionViolations)];
      text += `${comment(projectNotes, I)}${declare(names.take(p.name, 'Project'), 'StorjProject', `Project-${u.email}-${p.name}`, projectProps, p.id)}`;
    }
    return text;
  });
}

const BODY_OF: { [T in TargetScan['target']]: (scan: Extract<TargetScan, { target: T }>, names: VariableNames) => string[] } = {
  rgw: rgwBody,
  ostor: ostorBody,
  versity: versityBody,
  storj: storjBody,
};

/** What the written stack declares, counted: the first line of the file and of the command's summary. */
export function targetCounts(scan: TargetScan): string {
  if (scan.target === 'rgw') {
    const keys = scan.users.reduce((n, u) => n + u.accessKeyIds.length, 0);
    const subusers = scan.users.reduce((n, u) => n + u.subusers.length, 0);
    return `${scan.users.length} user(s), ${keys} key(s), ${subusers} subuser(s), ${scan.buckets.length} bucket(s)`;
  }
  if (scan.target === 'ostor') return `${scan.users.length} user(s), ${scan.users.filter((u) => u.accessKeyIds.length).length} key(s)`;
  if (scan.target === 'storj') return `${scan.users.length} user(s), ${scan.users.reduce((n, u) => n + u.projects.length, 0)} project(s)`;
  return `${scan.users.length} user(s), ${scan.bucketOwners.length} bucket owner(s)`;
}

/**
 * Writes a TypeScript stack that declares what the scan found with this library's constructs, each followed
 * by its `importExisting` call, so that the first `cdktf deploy` imports what exists instead of creating it.
 * No secret is written: keys are imported by their ids, and the provider reads their secrets at import.
 */
export function writeTargetStack(scan: TargetScan, options: TargetWriterOptions = {}): string {
  const imports = options.imports ?? stackImports();
  const info = TARGET_INFO[scan.target];
  const names = new VariableNames();
  names.take('endpoint', '');
  const body = (BODY_OF[scan.target] as (s: TargetScan, n: VariableNames) => string[])(scan, names);
  const used = new Set([info.endpointClass, ...[...body.join('').matchAll(/ new (\w+)\(this/g)].map((m) => m[1])]);
  const endpointProps = { url: scan.endpoint, apiLayout: scan.target === 'storj' && scan.apiLayout !== 'legacy' ? scan.apiLayout : undefined };
  const secrets = scan.target === 'storj' ? 'No secret is in this file.' : 'No secret is in this file: keys are imported by their ids.';
  const skipped = scan.skipped.length ? `//\n// Not adopted:\n${scan.skipped.map((s) => `//   ${s}\n`).join('')}` : '';
  return `// Written by \`s3-admin adopt --target ${scan.target}\` from what ${scan.endpoint} holds: ${targetCounts(scan)}.
// Review it before the first \`${imports.core} deploy\`: each importExisting call imports what exists, so nothing is
// created twice. ${secrets} The deploy reads the admin credentials from
// ${credentialVariables(scan.target)}.
${skipped}import { TerraformStack } from '${imports.core}';
import { Construct } from 'constructs';
import { ${[...used].sort().join(', ')} } from ${ts(imports.library)};

export class ${options.className ?? info.stackClass} extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const endpoint = new ${info.endpointClass}(${tsCompact(endpointProps, '    ')});

${body.join('\n')}  }
}
`;
}
