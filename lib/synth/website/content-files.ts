import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheControlOf, CacheControlRule, compileCacheControlRules } from './cache-control';
import { contentTypeOf } from './content-types';

/** How the files of a content folder become objects (the folder itself is given apart). */
export interface ContentFileOptions {
  readonly includeHidden?: boolean;
  readonly cacheControl?: readonly CacheControlRule[];
  readonly contentTypes?: Readonly<Record<string, string>>;
}

/** One file of the folder as the object it becomes. */
export interface ContentFile {
  /** The object key: the path relative to the folder, `/`-separated. */
  readonly key: string;
  /** Where the file is on this machine. */
  readonly file: string;
  readonly contentType: string;
  readonly cacheControl: string;
  /** SHA-256 of the bytes, hex: what `source_hash` holds, so a changed file and only it is uploaded again. */
  readonly sha256: string;
}

export interface ContentListing {
  /** In key order (code units), so the same folder always gives the same list. */
  readonly files: ContentFile[];
  /** Keys of the hidden files and folders that were left out (folders as `name/`). */
  readonly skipped: string[];
  /** Keys of the symbolic links that were followed (files and folders). */
  readonly links: string[];
  /** Each file that cannot become an object, with the rule it breaks; the construct refuses a non-empty list. */
  readonly violations: string[];
  /**
   * A hash of every object's key, content type, cache control and bytes: it changes when an object would be
   * added, removed or changed, and only then.
   */
  readonly contentHash: string;
}

/** Whether a name is hidden: `.env`, `.git`, `.DS_Store`. */
const isHidden = (name: string) => name.startsWith('.');

/** The path of the content folder as given, resolved from the working directory (where cdktf runs the app). */
export function resolveContentDirectory(directory: string): string {
  return path.resolve(directory);
}

/** What is wrong with the folder itself (empty when it is a readable directory). */
export function contentDirectoryViolations(directory: string): string[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(directory);
  } catch {
    return [`must be an existing directory; nothing is at ${directory}`];
  }
  return stat.isDirectory() ? [] : [`must be a directory; ${directory} is a file`];
}

/**
 * Every rule an object key breaks. S3 takes almost any key; these are the ones that would break the upload
 * or the Terraform configuration that carries it.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
 */
export function contentKeyViolations(key: string): string[] {
  const broken: string[] = [];
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > 1024) broken.push(`a key must be at most 1,024 bytes of UTF-8 (it has ${bytes})`);
  const control = /[\x00-\x1f\x7f]/.exec(key);
  if (control) broken.push(`a key must not contain control characters (0x${control[0].charCodeAt(0).toString(16).padStart(2, '0')} at offset ${control.index})`);
  if (key.includes('\ufffd')) broken.push('a file name must be valid UTF-8');
  // Terraform reads `${` and `%{` in a JSON string as the start of an expression
  const template = /[$%]\{/.exec(key);
  if (template) broken.push(`a key must not contain '${template[0]}' (offset ${template.index}), which Terraform reads as an expression`);
  return broken;
}

/** SHA-256 of a file in chunks, so a large video is not read into memory whole. */
function sha256Of(file: string): string {
  const hash = createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(1 << 20);
    for (let n; (n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0; ) hash.update(chunk.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * Walks the folder (following links, once per real folder) and lists each file as an object. Hidden files
 * and folders are skipped unless `includeHidden`.
 */
export function listContent(directory: string, options: ContentFileOptions = {}): ContentListing {
  const rules = compileCacheControlRules(options.cacheControl ?? []);
  const files: Array<{ key: string; file: string }> = [];
  const skipped: string[] = [];
  const violations: string[] = [];
  const links: string[] = [];
  const seen = new Set<string>();
  const walk = (dir: string, prefix: string) => {
    const real = fs.realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      const key = `${prefix}${name}`;
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        violations.push(`'${key}' cannot be read (a link to nothing?)`);
        continue;
      }
      if (fs.lstatSync(file).isSymbolicLink()) links.push(key);
      if (isHidden(name) && !options.includeHidden) {
        skipped.push(stat.isDirectory() ? `${key}/` : key);
      } else if (stat.isDirectory()) {
        walk(file, `${key}/`);
      } else if (stat.isFile()) {
        for (const rule of contentKeyViolations(key)) violations.push(`'${key}': ${rule}`);
        files.push({ key, file });
      }
    }
  };
  walk(directory, '');
  files.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  skipped.sort();

  const listed = files.map(({ key, file }) => ({
    key,
    file,
    contentType: contentTypeOf(key, options.contentTypes),
    cacheControl: cacheControlOf(key, rules),
    sha256: sha256Of(file),
  }));
  const content = createHash('sha256');
  for (const f of listed) content.update(`${f.key}\0${f.contentType}\0${f.cacheControl}\0${f.sha256}\n`);
  return { files: listed, skipped, links: links.sort(), violations: violations.sort(), contentHash: content.digest('hex').slice(0, 32) };
}
