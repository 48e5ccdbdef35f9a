import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TerraformStack, TerraformVariable } from 'cdktf';
import { OstorEndpoint, RgwEndpoint, VersityEndpoint } from '../constructs/admin-endpoint';
import { CacheInvalidation } from '../constructs/cache-invalidation';
import { OstorAccessKey } from '../constructs/ostor-access-key';
import { OstorUser } from '../constructs/ostor-user';
import { RgwAccessKey } from '../constructs/rgw-access-key';
import { RgwBucket } from '../constructs/rgw-bucket';
import { RgwSubuser } from '../constructs/rgw-subuser';
import { RgwUser } from '../constructs/rgw-user';
import { VersityUser } from '../constructs/versity-user';
import { BUNDLE_NAME } from '../lib/provider/launcher';
import { PROVIDER_SOURCE } from '../lib/schema/provider-config';
import { lockFileWith, mirrorDirectory, packageHashV1, PROVIDER_PLATFORMS, providerBundle } from '../lib/synth/provider-bundle';
import { RgwExampleStack } from '../stacks/rgw-example';
import { VersityExampleStack } from '../stacks/versity-example';
import { repoRoot } from './support/repo-root';
import { synthToDir } from './support/stack-dir';
import { newStack, synthJson, theResource } from './support/synth';

const rgw = () => new RgwEndpoint({ url: 'https://rgw.example.com' });

describe('non-AWS objects as resources of the s3admin provider', () => {
  test('an RGW user is one s3admin_rgw_user with its attributes in the provider schema terms', () => {
    // GIVEN / WHEN
    const { json } = synthJson((s) => new RgwUser(s, 'U', { endpoint: rgw(), uid: 'alice', displayName: 'Alice', userQuota: { maxObjects: 10 }, caps: 'usage=read' }));
    // THEN
    expect(theResource(json, 's3admin_rgw_user')).toMatchObject({
      uid: 'alice',
      display_name: 'Alice',
      suspended: false,
      purge_data: false,
      user_quota: { max_objects: 10 },
      caps: 'usage=read',
      provider: 's3admin.rgw_rgw_example_com',
    });
    expect(json.resource?.terraform_data).toBeUndefined();
  });

  test('each endpoint is one aliased provider configuration naming the credential variables, never values', () => {
    // GIVEN
    const { text, json } = synthJson((s) => {
      new RgwUser(s, 'A', { endpoint: rgw(), uid: 'a', displayName: 'A' });
      new RgwUser(s, 'B', { endpoint: rgw(), uid: 'b', displayName: 'B' });
      new OstorUser(s, 'O', { endpoint: new OstorEndpoint({ url: 'https://ostor.example.com:8443' }), email: 'o@example.com' });
    });
    // THEN
    const providers = (json as any).provider.s3admin;
    expect(providers).toEqual([
      expect.objectContaining({ alias: 'rgw_rgw_example_com', endpoint: 'https://rgw.example.com', access_key_env: 'RGW_ADMIN_ACCESS_KEY', secret_key_env: 'RGW_ADMIN_SECRET_KEY', signing: 'v4' }),
      expect.objectContaining({ alias: 'ostor_ostor_example_com_8443', endpoint: 'https://ostor.example.com:8443', access_key_env: 'OSTOR_ADMIN_ACCESS_KEY', signing: 'v2' }),
    ]);
    expect((json as any).terraform.required_providers.s3admin).toEqual({ source: PROVIDER_SOURCE, version: providerBundle().version });
    expect(text).not.toMatch(/secret_key"\s*:\s*"[^$]/);
  });

  test('keys are made before the old ones go, and their secrets are references to sensitive attributes', () => {
    // GIVEN
    const { json } = synthJson((s) => {
      const user = new RgwUser(s, 'U', { endpoint: rgw(), uid: 'alice', displayName: 'Alice' });
      const key = new RgwAccessKey(s, 'K', { user, keyRotation: 3 });
      new RgwBucket(s, 'B', { bucketName: 'alice-data', owner: key });
      new RgwSubuser(s, 'S', { user, name: 'app', access: 'read' });
      const ostorUser = new OstorUser(s, 'O', { endpoint: new OstorEndpoint({ url: 'https://ostor.example.com' }), email: 'o@example.com' });
      new OstorAccessKey(s, 'OK', { user: ostorUser });
    });
    // THEN
    expect(theResource(json, 's3admin_rgw_access_key')).toMatchObject({ uid: 'alice', rotation: 3, max_keys: 4, lifecycle: { create_before_destroy: true } });
    expect(theResource(json, 's3admin_ostor_access_key')).toMatchObject({ email: 'o@example.com', rotation: 1, lifecycle: { create_before_destroy: true } });
    expect(theResource(json, 's3admin_rgw_bucket').owner_secret_access_key).toMatch(/^\$\{s3admin_rgw_access_key\.K_\w+\.secret_access_key\}$/);
    expect(theResource(json, 's3admin_rgw_subuser')).toMatchObject({ uid: 'alice', subuser: 'app', access: 'read' });
  });

  test('values given as Terraform tokens are accepted and left to the provider to check at plan', () => {
    // GIVEN
    const stack = newStack();
    const uid = new TerraformVariable(stack, 'uid', { type: 'string' });
    const email = new TerraformVariable(stack, 'email', { type: 'string' });
    // WHEN / THEN
    expect(() => new RgwUser(stack, 'U', { endpoint: rgw(), uid: uid.stringValue, displayName: uid.stringValue, email: email.stringValue })).not.toThrow();
    expect(() => new OstorUser(stack, 'O', { endpoint: new OstorEndpoint({ url: 'https://o.example.com' }), email: email.stringValue })).not.toThrow();
    expect(() => new VersityUser(stack, 'V', { endpoint: new VersityEndpoint({ url: 'http://gw:7070' }), accessKeyId: uid.stringValue, userId: uid.numberValue })).not.toThrow();
  });

  test('a cache invalidation uses the provider configuration without an endpoint (the AWS SDK finds its own credentials)', () => {
    const { json } = synthJson((s) => new CacheInvalidation(s, 'F', { distributionId: 'E1', contentVersion: 'build-7' }));
    expect(theResource(json, 's3admin_cloudfront_invalidation')).toMatchObject({ distribution_id: 'E1', content_version: 'build-7', paths: ['/*'], provider: 's3admin' });
    expect((json as any).provider.s3admin).toEqual([{}]);
  });

  test('importExisting writes import blocks with the natural ids', () => {
    const { json } = synthJson((s) => {
      const user = new RgwUser(s, 'U', { endpoint: rgw(), uid: 'alice', displayName: 'Alice' });
      user.importExisting();
      new RgwAccessKey(s, 'K', { user }).importExisting('AKIAEXISTING');
      new RgwSubuser(s, 'S', { user, name: 'app' }).importExisting();
      new OstorUser(s, 'O', { endpoint: new OstorEndpoint({ url: 'https://o.example.com' }), email: 'o@example.com' }).importExisting();
    });
    expect(json.import).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'alice', to: expect.stringMatching(/^s3admin_rgw_user\./) }),
        expect.objectContaining({ id: 'AKIAEXISTING', to: expect.stringMatching(/^s3admin_rgw_access_key\./) }),
        expect.objectContaining({ id: 'alice:app', to: expect.stringMatching(/^s3admin_rgw_subuser\./) }),
        expect.objectContaining({ id: 'o@example.com', to: expect.stringMatching(/^s3admin_ostor_user\./) }),
      ]),
    );
  });

  test('fails to import by a uid that is still a token', () => {
    const stack = newStack();
    const uid = new TerraformVariable(stack, 'uid', { type: 'string' });
    const user = new RgwUser(stack, 'U', { endpoint: rgw(), uid: uid.stringValue, displayName: 'A' });
    expect(() => user.importExisting()).toThrow(/\[test\/U\] 'uid' must be a literal string to import an existing object/);
  });

  test('the example stacks mark their secret outputs sensitive', () => {
    for (const [name, make] of [
      ['rgw-example', (app: never) => new RgwExampleStack(app, 'rgw-example', { url: 'http://127.0.0.1:1' })],
      ['versity-example', (app: never) => new VersityExampleStack(app, 'versity-example', { url: 'http://127.0.0.1:1' })],
    ] as const) {
      const { json } = synthToDir(name, make as never);
      const secretOutputs = Object.values(json.output ?? {}).filter((o) => /\.secret_access_key\}$/.test(o.value));
      expect(secretOutputs.length).toBeGreaterThan(0);
      for (const o of secretOutputs) expect(o.sensitive).toBe(true);
    }
  });
});

describe('the provider shipped with each stack', () => {
  const synthRgw = () => synthToDir('shipped', (app) => {
    const stack = new TerraformStack(app, 'shipped');
    new RgwUser(stack, 'U', { endpoint: rgw(), uid: 'alice', displayName: 'Alice' });
    return stack;
  });

  test('synth writes the launcher (executable) and the bundle beside it into the implied local mirror for every platform', () => {
    const { stackDir } = synthRgw();
    const bundle = providerBundle();
    const built = (name: string) => fs.readFileSync(path.join(repoRoot(), 'dist', 'provider', name));
    expect(bundle.files).toEqual({ [bundle.executable]: built('launcher.js'), [BUNDLE_NAME]: built('terraform-provider-s3admin.js') });
    for (const platform of PROVIDER_PLATFORMS) {
      const dir = path.join(stackDir, mirrorDirectory(bundle.version, platform));
      expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(bundle.files).sort());
      for (const [name, content] of Object.entries(bundle.files)) expect(fs.readFileSync(path.join(dir, name)).equals(content)).toBe(true);
      expect(fs.statSync(path.join(dir, bundle.executable)).mode & 0o111).toBe(0o111);
    }
    expect(mirrorDirectory(bundle.version, 'linux_amd64')).toBe(`terraform.d/plugins/${PROVIDER_SOURCE}/${bundle.version}/linux_amd64`);
  });

  test('the version changes with the content: a digest of the launcher and the bundle as the patch number', () => {
    const bundle = providerBundle();
    const patch = parseInt(createHash('sha256').update(bundle.files[bundle.executable]).update(bundle.files[BUNDLE_NAME]).digest('hex').slice(0, 12), 16);
    expect(bundle.version).toMatch(new RegExp(`^\\d+\\.\\d+\\.${patch}$`));
  });

  test('the lock file pins the version and the package hash that init checks', () => {
    const { stackDir } = synthRgw();
    const lock = fs.readFileSync(path.join(stackDir, '.terraform.lock.hcl'), 'utf8');
    const bundle = providerBundle();
    expect(lock).toContain(`provider "${PROVIDER_SOURCE}" {\n  version     = "${bundle.version}"\n  constraints = "${bundle.version}"\n  hashes = [\n    "${bundle.packageHash}",\n  ]\n}`);
  });

  test("the package hash is Go's dirhash h1 (a vector computed by golang.org/x/mod/sumdb/dirhash)", () => {
    // dirhash.HashDir(dir, "", dirhash.Hash1) over a directory of these two files, as `go run` printed it
    const files = { hello: Buffer.from('hello\n'), 'terraform-provider-x_v1.0.0': Buffer.from('#!/usr/bin/env node\n') };
    expect(packageHashV1(files)).toBe('h1:AApUr5GwlD9Xf2u/F/VZSOfADbTLs6m6kLeD3V9J/pU=');
  });

  test("the lock file keeps other providers' entries and replaces only its own", () => {
    const bundle = providerBundle();
    const existing = [
      '# This file is maintained automatically by "tofu init".',
      '',
      'provider "registry.opentofu.org/hashicorp/aws" {',
      '  version = "6.0.0"',
      '  hashes = [',
      '    "h1:aws=",',
      '  ]',
      '}',
      '',
      `provider "${PROVIDER_SOURCE}" {`,
      '  version     = "0.1.1"',
      '  constraints = "0.1.1"',
      '  hashes = [',
      '    "h1:old=",',
      '  ]',
      '}',
      '',
    ].join('\n');
    const merged = lockFileWith(existing, bundle);
    expect(merged).toContain('provider "registry.opentofu.org/hashicorp/aws" {\n  version = "6.0.0"');
    expect(merged).not.toContain('h1:old=');
    expect(merged.match(new RegExp(`provider "${PROVIDER_SOURCE.replace(/\./g, '\\.')}"`, 'g'))).toHaveLength(1);
    expect(lockFileWith(merged, bundle)).toBe(merged);
  });
});

describe('validation', () => {
  test('fails for an RGW uid with a tenant separator', () => {
    expect(() => new RgwUser(newStack(), 'U', { endpoint: rgw(), uid: 'tenant$alice', displayName: 'x' })).toThrow(
      /\[test\/U\] 'uid' is invalid, got "tenant\$alice": may contain only letters, digits and _ \. @ \+ = - \('\$' at offset 6\)/,
    );
  });
  test('fails for an empty RGW display name, a control character in it, or a bad email', () => {
    expect(() => new RgwUser(newStack(), 'U', { endpoint: rgw(), uid: 'a', displayName: '  ' })).toThrow(/\[test\/U\] 'displayName' is invalid, got "  ": must not be empty/);
    expect(() => new RgwUser(newStack(), 'U', { endpoint: rgw(), uid: 'a', displayName: 'Al\nice' })).toThrow(/'displayName' is invalid, got "Al\\nice": must not contain control characters \(offset 2\)/);
    expect(() => new RgwUser(newStack(), 'U', { endpoint: rgw(), uid: 'a', displayName: 'A', email: 'alice@' })).toThrow(/'email' is invalid, got "alice@": must be an email address/);
  });
  test('fails for unknown caps and negative quotas', () => {
    expect(() => new RgwUser(newStack(), 'U', { endpoint: rgw(), uid: 'a', displayName: 'x', caps: 'root=*' })).toThrow(/'root' is not an RGW cap type/);
    expect(() => new RgwUser(newStack(), 'U', { endpoint: rgw(), uid: 'a', displayName: 'x', userQuota: { maxObjects: -1 } })).toThrow(
      /'userQuota' is invalid, got .*: maxObjects must be a whole number >= 0 \(got -1\)/,
    );
  });
  test('fails for a bad endpoint URL or alias name', () => {
    expect(() => new RgwEndpoint({ url: 'rgw.example.com' })).toThrow(/'url' of the RGW endpoint is invalid, got "rgw.example.com": must be an absolute http\(s\) URL/);
    expect(() => new OstorEndpoint({ url: 'ftp://s3.example.com' })).toThrow(/'url' of the OSTOR endpoint is invalid, got "ftp:\/\/s3.example.com": must use http or https, not ftp/);
    expect(() => new RgwEndpoint({ url: 'https://rgw.example.com/admin' })).toThrow(/must be the server root, without a path, query or fragment/);
    expect(() => new VersityEndpoint({ url: 'http://gw:7070/?x=1' })).toThrow(/without a path, query or fragment/);
    expect(() => new RgwEndpoint({ url: 'https://rgw.example.com/', name: '9lives' })).toThrow(/'name' of the RGW endpoint is invalid, got "9lives": must start with a lowercase letter/);
    expect(() => new RgwEndpoint({ url: 'https://rgw.example.com/' })).not.toThrow();
  });
  test('fails for an endpoint URL with credentials, without repeating them', () => {
    let message = '';
    try {
      new RgwEndpoint({ url: 'https://admin:s3cr3t@rgw.example.com' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/got "https:\/\/\*\*\*@rgw.example.com": must not carry credentials: admin credentials come from the environment/);
    expect(message).not.toMatch(/s3cr3t|admin:/);
  });
  test('fails for a bad ostor email, a Versity role or ids, a subuser access level, and a key generation below 1', () => {
    const ostor = new OstorEndpoint({ url: 'https://s3.example.com' });
    const versity = new VersityEndpoint({ url: 'http://gw:7070' });
    expect(() => new OstorUser(newStack(), 'O', { endpoint: ostor, email: 'not-an-email' })).toThrow(/\[test\/O\] 'email' is invalid, got "not-an-email": must be an email address/);
    expect(() => new VersityUser(newStack(), 'V', { endpoint: versity, role: 'root' as never })).toThrow(/'role' is invalid, got "root": must be one of user, userplus, admin/);
    expect(() => new VersityUser(newStack(), 'V', { endpoint: versity, userId: -1 })).toThrow(/'userId' is invalid, got -1: must be a whole number >= 0/);
    expect(() => new VersityUser(newStack(), 'V', { endpoint: versity, accessKeyId: 'a b' })).toThrow(/'accessKeyId' is invalid/);
    const stack = newStack();
    const user = new OstorUser(stack, 'O', { endpoint: ostor, email: 'a@b.io' });
    expect(() => new OstorAccessKey(stack, 'K', { user, keyRotation: 0 })).toThrow(/'keyRotation' is invalid, got 0: must be a whole number >= 1/);
    const rgwUser = new RgwUser(stack, 'U', { endpoint: rgw(), uid: 'a', displayName: 'x' });
    expect(() => new RgwSubuser(stack, 'S', { user: rgwUser, name: 'app', access: 'admin' as never })).toThrow(/'access' is invalid, got "admin": must be one of read, write, readwrite, full/);
  });
  test('fails for maxKeys below 1', () => {
    const stack = newStack();
    const user = new RgwUser(stack, 'U', { endpoint: rgw(), uid: 'a', displayName: 'x' });
    expect(() => new RgwAccessKey(stack, 'K', { user, maxKeys: 0 })).toThrow(/'maxKeys' is invalid, got 0: must be a whole number >= 1/);
  });
});
