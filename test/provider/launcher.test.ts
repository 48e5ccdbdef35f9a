/**
 * The provider's executable (lib/provider/launcher.ts) runs the bundle beside it through V8's code cache,
 * kept in the user's cache directory. Needs `npm run build`. Speed is for `npm run bench` to show; these
 * check that the cache is made, used, never trusted from a directory others can write, and that any trouble
 * with it only costs a compile.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_FILES_KEPT, cacheDirectory, cacheFile } from '../../lib/provider/launcher';
import { createServerCertificate } from '../../lib/provider/protocol/server-certificate';
import { engineEnv, killStartedProviders, providerExecutable, spawnProvider, temporaryDir } from '../support/provider/plugin-process';

jest.setTimeout(60_000);

const bundleSource = () => fs.readFileSync(path.join(path.dirname(providerExecutable()), 's3admin-provider-bundle.js'), 'utf8').replace(/^#!/, '//');

/** Starts the provider with this cache home, waits for its handshake, then long enough for the cache write, and stops it. */
async function startOnce(cacheHome: string): Promise<void> {
  const tmpDir = temporaryDir();
  const provider = spawnProvider({ ...engineEnv(createServerCertificate(), tmpDir), XDG_CACHE_HOME: cacheHome });
  await provider.handshake;
  await new Promise((r) => setTimeout(r, 1_800));
  killStartedProviders();
  await provider.exited;
}

afterEach(() => killStartedProviders());

test('the first start writes the code cache of the bundle (owner-only file in an owner-only directory); the next start takes it as it is', async () => {
  const home = temporaryDir();
  const dir = path.join(home, 'cdktf-s3-admin');
  const file = cacheFile(dir, bundleSource());

  await startOnce(home);
  expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.statSync(file).size).toBeGreaterThan(100_000);
  const written = fs.statSync(file).mtimeMs;

  // a cache V8 accepted is not written again
  await startOnce(home);
  expect(fs.statSync(file).mtimeMs).toBe(written);
  expect(fs.readdirSync(dir)).toEqual([path.basename(file)]);
});

test('a damaged cache costs a compile, not the start: it is written anew', async () => {
  const home = temporaryDir();
  const file = cacheFile(path.join(home, 'cdktf-s3-admin'), bundleSource());
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, Buffer.alloc(4096, 7));

  await startOnce(home);
  expect(fs.readFileSync(file).equals(Buffer.alloc(4096, 7))).toBe(false);
  expect(fs.statSync(file).size).toBeGreaterThan(100_000);
});

test('older cache files (other releases) beyond the few kept are removed when a new one is written', async () => {
  const home = temporaryDir();
  const dir = path.join(home, 'cdktf-s3-admin');
  fs.mkdirSync(dir, { mode: 0o700 });
  const old = Array.from({ length: CACHE_FILES_KEPT + 2 }, (_, i) => `provider-${i.toString(16).padStart(32, '0')}.v8cache`);
  old.forEach((name, i) => {
    fs.writeFileSync(path.join(dir, name), 'old');
    const when = new Date(Date.now() - (i + 1) * 86_400_000);
    fs.utimesSync(path.join(dir, name), when, when);
  });
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a cache file');

  await startOnce(home);
  const current = path.basename(cacheFile(dir, bundleSource()));
  expect(fs.readdirSync(dir).sort()).toEqual([current, 'notes.txt', ...old.slice(0, CACHE_FILES_KEPT - 1)].sort());
});

test('a cache directory others can write to is not used', async () => {
  const home = temporaryDir();
  const dir = path.join(home, 'cdktf-s3-admin');
  fs.mkdirSync(dir, { mode: 0o700 });
  fs.chmodSync(dir, 0o777);
  expect(cacheDirectory({ XDG_CACHE_HOME: home })).toBeUndefined();

  await startOnce(home);
  expect(fs.readdirSync(dir)).toEqual([]);
});

test('the cache file follows the content: another bundle, another file; no home, no cache', () => {
  const dir = temporaryDir();
  expect(cacheFile(dir, 'a')).not.toBe(cacheFile(dir, 'b'));
  expect(cacheFile(dir, 'a')).toBe(cacheFile(dir, 'a'));
  expect(cacheDirectory({})).toBeUndefined();
  expect(cacheDirectory({ HOME: dir })).toBe(path.join(dir, '.cache', 'cdktf-s3-admin'));
});
