import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { Annotations, AssetType, dependable, TerraformAsset, TerraformIterator, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { checkProp, throwIfBroken, ValidationError } from '../lib/synth/errors';
import { CacheControlRule, cacheControlRuleViolations } from '../lib/synth/website/cache-control';
import { ContentListing, contentDirectoryViolations, listContent, resolveContentDirectory } from '../lib/synth/website/content-files';
import { contentTypeTableViolations } from '../lib/synth/website/content-types';
import { AdminBucket } from './admin-bucket';
import { CacheInvalidation } from './cache-invalidation';

/** When and how CloudFront's cache is flushed after the content changed. */
export interface ContentInvalidationOptions {
  /** Paths to invalidate, each starting with `/`; `*` only at the end. @default ['/*'] */
  readonly paths?: string[];
  /** Wait until CloudFront reports the invalidation Completed. @default false */
  readonly waitForCompletion?: boolean;
  /** How long to wait at most. @default 15 */
  readonly waitMinutes?: number;
}

/** A local folder whose files become the website's objects. */
export interface WebsiteContentOptions {
  /**
   * The folder, such as a build's `dist/`. A relative path is resolved from the working directory of the
   * synth (where cdktf runs the app: the project folder). Each file becomes an object whose key is its path
   * in the folder; files removed from the folder are deleted from the bucket on the next deploy.
   */
  readonly directory: string;
  /**
   * Cache-Control by key pattern, first match wins, ahead of the defaults: `public, max-age=31536000,
   * immutable` for fingerprinted names (`app.3f9a2c1b.js`, `index-BdK3x9aZ.js`), `public, max-age=0,
   * must-revalidate` for HTML and everything else. A pattern without `/` matches file names in any folder
   * (`*.pdf`); `*` stays within a folder, `**` crosses folders (`assets/**`).
   * @default - the defaults only
   */
  readonly cacheControl?: CacheControlRule[];
  /**
   * Content types by extension (lowercase, no dot), ahead of the built-in table, e.g. `{ md: 'text/markdown' }`.
   * @default - the built-in table, else `application/octet-stream`
   */
  readonly contentTypes?: Record<string, string>;
  /**
   * Upload hidden files and folders (names starting with `.`, such as `.well-known/`). They are also left out of
   * the files shipped with the stack.
   * @default false
   */
  readonly includeHidden?: boolean;
  /**
   * Flush CloudFront's cache after a deploy that changed the content (one invalidation per change, none
   * otherwise). `false`: never. Needs a distribution.
   * @default - `/*` whenever the content changed
   */
  readonly invalidation?: ContentInvalidationOptions | false;
}

export interface WebsiteContentProps extends WebsiteContentOptions {
  /** The bucket the objects go into. */
  readonly bucket: AdminBucket;
  /** The distribution whose cache is flushed when the content changes. @default - no invalidation */
  readonly distributionId?: string;
}

/** The object map key of `for_each`: its values hold what differs per file. */
interface ObjectValue {
  readonly content_type: string;
  readonly cache_control: string;
  readonly source_hash: string;
}

/**
 * The files of a local folder as S3 objects: one `aws_s3_object` instance per file (a `for_each` over the
 * files, so each plans and diffs on its own, addressed by its key), read from a `TerraformAsset` that ships
 * the folder inside `cdktf.out/`: a plan made in one pipeline job applies in another with only that folder.
 * A CloudFront invalidation (`CacheInvalidation`) follows a deploy that changed the content, and only such
 * a deploy.
 *
 * @example
 * new WebsiteContent(stack, 'Content', { bucket: site.bucket, distributionId: site.distributionId, directory: 'site/dist' });
 */
export class WebsiteContent extends Construct {
  /** The objects: one resource, one instance per file, keyed by the object key. */
  readonly objects: S3Object;
  /** The files shipped with the stack; the objects' `source` points into it. */
  readonly asset: TerraformAsset;
  /** Flushes CloudFront's cache when the content changed; undefined without a distribution or when turned off. */
  readonly invalidation?: CacheInvalidation;
  /** What the folder held at synth, file by file. */
  readonly listing: ContentListing;

  constructor(scope: Construct, id: string, props: WebsiteContentProps) {
    super(scope, id);
    const directory = this.validate(props);
    const listing = (this.listing = listContent(directory, props));
    if (listing.violations.length > 0) {
      throwIfBroken(this, 'directory', props.directory, [
        `${listing.violations.length} file(s) cannot become objects: rename them, or move them out of the folder`,
        ...listing.violations.slice(0, 20),
        ...(listing.violations.length > 20 ? [`... and ${listing.violations.length - 20} more`] : []),
      ]);
    }
    if (listing.files.length === 0) {
      Annotations.of(this).addWarning(`'directory' ${directory} holds no file to upload${listing.skipped.length ? ` (hidden ones skipped: ${listing.skipped.join(', ')})` : ''}: the bucket is emptied`);
    }

    // The asset's folder name is fixed (not cdktf's content hash): every object's `source` names a path in it,
    // and a changed `source` would upload every file again. `source_hash` tells which files changed.
    // The folder is shipped as it is unless something in it is not an object (hidden files), or links would make
    // cdktf's copy differ from the listing (a link to a parent folder would never end).
    this.asset = new TerraformAsset(this, 'Files', {
      path: listing.skipped.length > 0 || listing.links.length > 0 ? stageFiles(listing) : directory,
      type: AssetType.DIRECTORY,
      assetHash: 'files',
    });
    const values: Record<string, ObjectValue> = {};
    for (const f of listing.files) {
      values[f.key] = { content_type: f.contentType, cache_control: f.cacheControl, source_hash: f.sha256 };
    }
    const each = TerraformIterator.fromMap(values);
    this.objects = new S3Object(this, 'Objects', {
      forEach: each,
      bucket: props.bucket.bucket.id,
      key: each.key,
      // the asset's path has no trailing slash in cdktf 0.21; tolerate one in later versions
      source: `${this.asset.path.replace(/\/?$/, '/')}${each.key}`,
      sourceHash: each.getString('source_hash'),
      contentType: each.getString('content_type'),
      cacheControl: each.getString('cache_control'),
      // objects are encrypted as the bucket's default says when they are written: wait for it (SSE-KMS)
      dependsOn: [props.bucket.node.tryFindChild('Encryption')].filter((r): r is TerraformResource => r instanceof TerraformResource),
    });

    if (props.distributionId !== undefined && props.invalidation !== false) {
      const options = props.invalidation ?? {};
      this.invalidation = new CacheInvalidation(this, 'Invalidation', {
        distributionId: props.distributionId,
        contentVersion: listing.contentHash,
        paths: options.paths,
        waitForCompletion: options.waitForCompletion,
        waitMinutes: options.waitMinutes,
      });
      // flush after the new objects are in place, not before
      this.invalidation.resource.dependsOn = [...(this.invalidation.resource.dependsOn ?? []), dependable(this.objects)];
    }
  }

  /** A hash of every object's key, content type, cache control and bytes: what the invalidation follows. */
  get contentHash(): string {
    return this.listing.contentHash;
  }

  private validate(props: WebsiteContentProps): string {
    if (typeof props.directory !== 'string' || props.directory === '' || Token.isUnresolved(props.directory)) {
      throw new ValidationError(this, `'directory' must be the literal path of a local folder, got ${JSON.stringify(props.directory)}`);
    }
    const directory = resolveContentDirectory(props.directory);
    throwIfBroken(this, 'directory', props.directory, contentDirectoryViolations(directory));
    checkProp(this, 'cacheControl', props.cacheControl, cacheControlRuleViolations);
    checkProp(this, 'contentTypes', props.contentTypes, contentTypeTableViolations);
    if (props.invalidation && props.distributionId === undefined) {
      throw new ValidationError(this, `'invalidation' needs 'distributionId': there is no distribution to flush`);
    }
    return directory;
  }
}

const staged: string[] = [];

/**
 * Copies the files that become objects (hard links where the file system allows) into a folder of their
 * own, so that the asset ships them and nothing else: a hidden `.env` or `.git/` never lands in cdktf.out/.
 * The folder is removed when the process ends.
 */
function stageFiles(listing: ContentListing): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's3admin-content-'));
  if (staged.length === 0) process.once('exit', () => staged.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  staged.push(dir);
  for (const f of listing.files) {
    const target = path.join(dir, ...f.key.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    try {
      fs.linkSync(f.file, target);
    } catch {
      fs.copyFileSync(f.file, target);
    }
  }
  return dir;
}
