import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';

/*
 * The provider's executable, `terraform-provider-s3admin_v<version>`: it runs the bundle beside it through
 * V8's code cache. The engine starts the provider for every command, and compiling the 2 MB bundle is about
 * half of a cold start. The cache is one file per bundle content, Node version and architecture in the
 * user's own cache directory ($XDG_CACHE_HOME or ~/.cache, then cdktf-s3-admin/, mode 0700): never inside
 * the provider's package, whose files the lock file's hash covers. Any trouble with the cache means a plain
 * compile, never a failed start.
 */

export const BUNDLE_NAME = 's3admin-provider-bundle.js';

/** How long after start the cache is written (or at exit, if sooner): late enough to hold what start-up compiled. */
const WRITE_AFTER_MS = 1_000;

/** The user's cache directory for the provider, or undefined when there is none that only this user can write. */
export function cacheDirectory(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const base = env.XDG_CACHE_HOME || (env.HOME ? path.join(env.HOME, '.cache') : undefined);
  if (!base) return undefined;
  const dir = path.join(base, 'cdktf-s3-admin');
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = fs.statSync(dir);
    // a directory others can write to could hand this process code to run
    if (stat.uid !== process.getuid?.() || (stat.mode & 0o022) !== 0) return undefined;
    return dir;
  } catch {
    return undefined;
  }
}

/** The cache file of this content under this Node (V8 checks little more than the source's length). */
export function cacheFile(dir: string, source: string): string {
  const digest = createHash('sha256').update(source).update(process.version).update(process.arch).digest('hex').slice(0, 32);
  return path.join(dir, `provider-${digest}.v8cache`);
}

function readCache(file: string | undefined): Buffer | undefined {
  try {
    return file ? fs.readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/** Cache files kept per user: one per release and Node version in use, the most recently written. */
export const CACHE_FILES_KEPT = 6;

function writeCache(file: string, script: vm.Script): void {
  try {
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    fs.renameSync(temporary, file);
    pruneCache(path.dirname(file));
  } catch {
    // a full disk or a read-only home: the next start compiles again
  }
}

/** Removes all but the newest cache files, so that upgrades do not pile them up. */
function pruneCache(dir: string): void {
  const files = fs
    .readdirSync(dir)
    .filter((name) => /^provider-[0-9a-f]+\.v8cache$/.test(name))
    .map((name) => ({ name, written: fs.statSync(path.join(dir, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const { name } of files.slice(CACHE_FILES_KEPT)) fs.rmSync(path.join(dir, name), { force: true });
}

/** Loads and runs the bundle as Node would run it as the main module, with the code cache when there is one. */
export function runBundle(bundle: string, env: NodeJS.ProcessEnv = process.env): void {
  const source = fs.readFileSync(bundle, 'utf8').replace(/^#!/, '//');
  const dir = cacheDirectory(env);
  const file = dir ? cacheFile(dir, source) : undefined;
  const cachedData = readCache(file);
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new vm.Script(wrapped, { filename: bundle, cachedData });
  const module = { exports: {} };
  const main = script.runInThisContext() as (exports: object, require: NodeJS.Require, module: object, filename: string, dirname: string) => void;
  main(module.exports, createRequire(bundle), module, bundle, path.dirname(bundle));
  if (file && (cachedData === undefined || script.cachedDataRejected)) {
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      writeCache(file, script);
    };
    setTimeout(write, WRITE_AFTER_MS).unref();
    // a provider the engine shuts down sooner (a short plan) writes it on the way out
    process.once('exit', write);
  }
}

if (require.main === module) runBundle(path.join(__dirname, BUNDLE_NAME));
