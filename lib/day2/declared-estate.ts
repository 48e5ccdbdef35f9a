import * as fs from 'node:fs';
import * as path from 'node:path';

/** A bucket as a synthesized stack declares it; a field left undefined is not managed there. */
export interface DeclaredBucket {
  readonly name: string;
  readonly tags: Record<string, string>;
  readonly versioning?: string;
  readonly encryption?: string;
  readonly logging?: { targetBucket: string; targetPrefix: string };
  readonly publicAccessBlock?: Record<string, boolean>;
  /** Rule summaries (see `lifecycleSummary`); undefined when the stack manages no lifecycle. */
  readonly lifecycle?: string[];
  readonly objectOwnership?: string;
}

/** What a lifecycle rule does, in one line, so that the declared JSON and the S3 answer compare. */
export function lifecycleSummary(rule: {
  id?: string;
  prefix?: string;
  transitions: Array<{ days?: number; storageClass?: string }>;
  noncurrent: Array<{ days?: number; storageClass?: string }>;
  expirationDays?: number;
}): string {
  const moves = (list: Array<{ days?: number; storageClass?: string }>) => list.map((t) => `${t.days ?? 0}d ${t.storageClass}`).join(', ') || 'none';
  const expiry = rule.expirationDays !== undefined ? `; expire ${rule.expirationDays}d` : '';
  return `${rule.id ?? '?'} (prefix '${rule.prefix ?? ''}'): ${moves(rule.transitions)}; noncurrent ${moves(rule.noncurrent)}${expiry}`;
}

export interface DeclaredWebsite {
  readonly domain: string;
  readonly priceClass?: string;
  readonly geoRestriction?: { type: string; locations: string[] };
  readonly minimumProtocolVersion?: string;
}

/** What a synthesized stack declares of AWS objects, with references between its resources resolved. */
export interface DeclaredEstate {
  readonly buckets: DeclaredBucket[];
  readonly websites: DeclaredWebsite[];
  readonly policies: string[];
  readonly groups: string[];
  /** User name → the groups its memberships name. */
  readonly users: Map<string, string[]>;
}

type Config = Record<string, any>;
const REFERENCE = /^\$\{([a-z0-9_]+)\.([\w-]+)\.(id|name|bucket)\}$/;

/**
 * Finds a stack's cdk.tf.json: the path itself when it names a file, else `<outdir>/stacks/<stack>/cdk.tf.json`.
 * A missing stack is reported with the stacks that do exist.
 */
export function stackFile(stack: string, outdir = 'cdktf.out'): string {
  if (stack.endsWith('.json')) return stack;
  const file = path.join(outdir, 'stacks', stack, 'cdk.tf.json');
  if (!fs.existsSync(file)) {
    const stacksDir = path.join(outdir, 'stacks');
    const known = fs.existsSync(stacksDir) ? fs.readdirSync(stacksDir) : [];
    throw new Error(
      `no synthesized stack '${stack}' in ${stacksDir} (${known.length ? `stacks there: ${known.join(', ')}` : 'run `npm run synth` or `cdktf synth` first'})`
    );
  }
  return file;
}

export function readDeclaredEstate(file: string): DeclaredEstate {
  const resources: Record<string, Record<string, Config>> = JSON.parse(fs.readFileSync(file, 'utf8')).resource ?? {};
  const of = (type: string) => Object.values(resources[type] ?? {});
  // A literal stays; a reference to another resource's name-like attribute becomes that resource's literal.
  const resolve = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    const ref = REFERENCE.exec(value);
    if (!ref) return value.includes('${') ? undefined : value;
    const target = resources[ref[1]]?.[ref[2]];
    return resolve(target?.bucket ?? target?.name);
  };
  const byBucket = (type: string) => new Map(of(type).map((c) => [resolve(c.bucket), c]));
  const versioning = byBucket('aws_s3_bucket_versioning');
  const encryption = byBucket('aws_s3_bucket_server_side_encryption_configuration');
  const logging = byBucket('aws_s3_bucket_logging');
  const blocks = byBucket('aws_s3_bucket_public_access_block');
  const lifecycles = byBucket('aws_s3_bucket_lifecycle_configuration');
  const ownerships = byBucket('aws_s3_bucket_ownership_controls');

  const buckets = of('aws_s3_bucket').flatMap((bucket): DeclaredBucket[] => {
    const name = resolve(bucket.bucket);
    if (name === undefined) return [];
    const log = logging.get(name);
    const block = blocks.get(name);
    return [
      {
        name,
        tags: bucket.tags ?? {},
        versioning: versioning.get(name)?.versioning_configuration?.status,
        encryption: encryption.get(name)?.rule?.[0]?.apply_server_side_encryption_by_default?.sse_algorithm,
        logging: log && { targetBucket: resolve(log.target_bucket)!, targetPrefix: log.target_prefix ?? '' },
        publicAccessBlock: block && {
          BlockPublicAcls: Boolean(block.block_public_acls),
          IgnorePublicAcls: Boolean(block.ignore_public_acls),
          BlockPublicPolicy: Boolean(block.block_public_policy),
          RestrictPublicBuckets: Boolean(block.restrict_public_buckets),
        },
        lifecycle: lifecycles.get(name)?.rule?.map((r: Config) =>
          lifecycleSummary({
            id: r.id,
            prefix: r.filter?.[0]?.prefix,
            transitions: (r.transition ?? []).map((t: Config) => ({ days: t.days, storageClass: t.storage_class })),
            noncurrent: (r.noncurrent_version_transition ?? []).map((t: Config) => ({ days: t.noncurrent_days, storageClass: t.storage_class })),
            expirationDays: r.expiration?.[0]?.days,
          }),
        ),
        objectOwnership: ownerships.get(name)?.rule?.object_ownership,
      },
    ];
  });
  const websites = of('aws_cloudfront_distribution').flatMap((c): DeclaredWebsite[] =>
    (c.aliases ?? []).slice(0, 1).map((domain: string) => ({
      domain,
      priceClass: c.price_class,
      geoRestriction: c.restrictions?.geo_restriction && {
        type: c.restrictions.geo_restriction.restriction_type,
        locations: c.restrictions.geo_restriction.locations ?? [],
      },
      minimumProtocolVersion: c.viewer_certificate?.minimum_protocol_version,
    }))
  );
  const users = new Map<string, string[]>();
  for (const c of of('aws_iam_user')) if (resolve(c.name)) users.set(resolve(c.name)!, []);
  for (const m of of('aws_iam_user_group_membership')) {
    const user = resolve(m.user);
    if (user) users.set(user, [...(users.get(user) ?? []), ...(m.groups ?? []).map(resolve).filter(Boolean)]);
  }
  const names = (type: string) =>
    of(type)
      .map((c) => resolve(c.name))
      .filter((n): n is string => n !== undefined);
  return { buckets, websites, policies: names('aws_iam_policy'), groups: names('aws_iam_group'), users };
}
