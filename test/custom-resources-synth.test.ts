import * as fs from 'node:fs';
import * as path from 'node:path';
import { OstorEndpoint, RgwEndpoint, VersityEndpoint } from '../constructs/admin-endpoint';
import { OstorAccessKey } from '../constructs/ostor-access-key';
import { OstorUser } from '../constructs/ostor-user';
import { VersityUser } from '../constructs/versity-user';
import { RgwAccessKey } from '../constructs/rgw-access-key';
import { RgwBucket } from '../constructs/rgw-bucket';
import { RgwUser } from '../constructs/rgw-user';
import { REQUEST_ENV, SECRET_KEY_ENV } from '../lib/runtime/request';
import { RgwExampleStack } from '../stacks/rgw-example';
import { VersityExampleStack } from '../stacks/versity-example';
import { newStack, resourcesOf, synthJson } from './support/synth';
import { synthToDir } from './support/stack-dir';

const endpoint = () => new RgwEndpoint({ url: 'https://rgw.example.com' });

describe('custom resources as synthesized', () => {
  test('each object is a terraform_data keyed on its identity with create and destroy commands, plus one keyed on its state', () => {
    const { json } = synthJson((s) => new RgwUser(s, 'Alice', { endpoint: endpoint(), uid: 'alice', displayName: 'Alice' }));
    const [object, properties] = resourcesOf(json, 'terraform_data');
    expect(object.triggers_replace).toEqual({ kind: 'rgw-user', endpoint: 'https://rgw.example.com', uid: 'alice' });
    const [create, destroy] = object.provisioner.map((p: Record<string, any>) => p['local-exec']);
    expect(create.command).toMatch(/^node assets\/S3AdminHandler\/[0-9A-F]+\/s3-admin-handler\.js create$/);
    expect(JSON.parse(create.environment[REQUEST_ENV])).toMatchObject({ kind: 'rgw-user', props: { uid: 'alice', displayName: 'Alice' } });
    expect(destroy).toMatchObject({ when: 'destroy', environment: { [REQUEST_ENV]: '${self.input.request}' } });
    expect(destroy.command).toMatch(/ delete$/);
    expect(properties.triggers_replace.state).toMatch(/^[0-9a-f]{64}$/);
    expect(properties.provisioner[0]['local-exec'].command).toMatch(/ reconcile$/);
  });

  test('a mutable property changes only the state hash, never the identity', () => {
    const synth = (displayName: string) =>
      resourcesOf(synthJson((s) => new RgwUser(s, 'Alice', { endpoint: endpoint(), uid: 'alice', displayName })).json, 'terraform_data');
    const [objectA, propsA] = synth('Alice');
    const [objectB, propsB] = synth('Alice B');
    expect(objectB.triggers_replace).toEqual(objectA.triggers_replace);
    expect(propsB.triggers_replace.state).not.toBe(propsA.triggers_replace.state);
  });

  test('commands carry no values: a display name full of shell syntax stays in the environment', () => {
    const displayName = '"; rm -rf / # $(id)';
    const { json } = synthJson((s) => new RgwUser(s, 'Alice', { endpoint: endpoint(), uid: 'alice', displayName }));
    for (const r of resourcesOf(json, 'terraform_data')) {
      for (const p of r.provisioner) {
        expect(p['local-exec'].command).toMatch(/^node assets\/S3AdminHandler\/\w+\/s3-admin-handler\.js (create|delete|reconcile)$/);
      }
    }
    const create = resourcesOf(json, 'terraform_data')[0].provisioner[0]['local-exec'];
    expect(JSON.parse(create.environment[REQUEST_ENV]).props.displayName).toBe(displayName);
  });

  test('admin credentials appear only as variable names; key secrets only as sensitive references', () => {
    const { text, json } = synthJson((s) => {
      const user = new RgwUser(s, 'Alice', { endpoint: endpoint(), uid: 'alice', displayName: 'Alice' });
      const key = new RgwAccessKey(s, 'Key', { user });
      new RgwBucket(s, 'Bucket', { bucketName: 'alice-data', owner: key });
    });
    const userCreate = resourcesOf(json, 'terraform_data')[0].provisioner[0]['local-exec'];
    expect(JSON.parse(userCreate.environment[REQUEST_ENV]).endpoint.credentials).toEqual({
      accessKeyEnv: 'RGW_ADMIN_ACCESS_KEY',
      secretKeyEnv: 'RGW_ADMIN_SECRET_KEY',
      credentialsFileEnv: 'RGW_ADMIN_CREDENTIALS_FILE',
    });
    // the secret is drawn once, marked sensitive, in the triggers of a terraform_data of its own (never its
    // input, whose output copy would lose the mark), and drawn anew when its generation changes
    const secretRef = /terraform_data\.Key_KeyPair_SecretKey_\w+\.triggers_replace\.value/;
    expect(text).toMatch(secretRef);
    const secret = resourcesOf(json, 'terraform_data').find((r) => /sensitive\(/.test(r.triggers_replace?.value ?? ''))!;
    expect(secret.triggers_replace.value).toBe('${sensitive(replace(join("", [uuid(), uuid()]), "-", ""))}');
    expect(secret.input).toBeUndefined();
    expect(secret.lifecycle).toEqual({ ignore_changes: ['triggers_replace'], replace_triggered_by: [expect.stringMatching(/^terraform_data\.Key_KeyPair_SecretKeyGeneration_\w+$/)] });
    const generation = resourcesOf(json, 'terraform_data').find((r) => r.input?.generation !== undefined)!;
    expect(generation.input).toEqual({ generation: 1 });
    // every use of the secret is a provisioner environment value, never the request or a command
    for (const r of resourcesOf(json, 'terraform_data')) {
      for (const p of r.provisioner ?? []) {
        const exec = p['local-exec'];
        expect(exec.command).not.toMatch(secretRef);
        expect(exec.environment[REQUEST_ENV] ?? '').not.toMatch(secretRef);
      }
      expect(JSON.stringify(r.input ?? {})).not.toMatch(secretRef);
      expect(JSON.stringify(r.triggers_replace ?? {})).not.toMatch(secretRef);
    }
    const keyObject = resourcesOf(json, 'terraform_data').find((r) => r.triggers_replace?.kind === 'rgw-key')!;
    expect(keyObject.provisioner[0]["local-exec"].environment[SECRET_KEY_ENV]).toMatch(new RegExp(`^\\$\\{nonsensitive\\(${secretRef.source}\\)\\}$`));
    expect(keyObject.lifecycle).toEqual({ create_before_destroy: true });
  });

  test('the handler ships with the stack as an asset, once per stack', () => {
    const { stackDir } = synthToDir('rgw-example', (app) => new RgwExampleStack(app, 'rgw-example', { url: 'http://127.0.0.1:1' }));
    const assetDirs = fs.readdirSync(path.join(stackDir, 'assets'));
    expect(assetDirs).toEqual(['S3AdminHandler']);
    const [hash] = fs.readdirSync(path.join(stackDir, 'assets', 'S3AdminHandler'));
    expect(fs.statSync(path.join(stackDir, 'assets', 'S3AdminHandler', hash, 's3-admin-handler.js')).size).toBeGreaterThan(10_000);
  });

  test('the example stacks synthesize outputs with the secrets marked sensitive', () => {
    for (const [name, make] of [
      ['rgw-example', (app: never) => new RgwExampleStack(app, 'rgw-example', { url: 'http://127.0.0.1:1' })],
      ['versity-example', (app: never) => new VersityExampleStack(app, 'versity-example', { url: 'http://127.0.0.1:1' })],
    ] as const) {
      const { json } = synthToDir(name, make as never);
      const outputs = Object.values(json.output ?? {});
      const secretOutputs = outputs.filter((o) => /SecretKey_\w+\.triggers_replace\.value/.test(o.value));
      expect(secretOutputs.length).toBeGreaterThan(0);
      for (const o of secretOutputs) expect(o.sensitive).toBe(true);
    }
  });

  describe('validation', () => {
    test('fails for an RGW uid with a tenant separator', () => {
      expect(() => new RgwUser(newStack(), 'U', { endpoint: endpoint(), uid: 'tenant$alice', displayName: 'x' })).toThrow(
        /\[test\/U\] 'uid' is invalid, got "tenant\$alice": may contain only letters, digits and _ \. @ \+ = - \('\$' at offset 6\)/,
      );
    });
    test('fails for an empty RGW display name, a control character in it, or a bad email', () => {
      expect(() => new RgwUser(newStack(), 'U', { endpoint: endpoint(), uid: 'a', displayName: '  ' })).toThrow(/\[test\/U\] 'displayName' is invalid, got "  ": must not be empty/);
      expect(() => new RgwUser(newStack(), 'U', { endpoint: endpoint(), uid: 'a', displayName: 'Al\nice' })).toThrow(/'displayName' is invalid, got "Al\\nice": must not contain control characters \(offset 2\)/);
      expect(() => new RgwUser(newStack(), 'U', { endpoint: endpoint(), uid: 'a', displayName: 'A', email: 'alice@' })).toThrow(/'email' is invalid, got "alice@": must be an email address/);
    });
    test('fails for unknown caps and negative quotas', () => {
      expect(() => new RgwUser(newStack(), 'U', { endpoint: endpoint(), uid: 'a', displayName: 'x', caps: 'root=*' })).toThrow(/'root' is not an RGW cap type/);
      expect(() => new RgwUser(newStack(), 'U', { endpoint: endpoint(), uid: 'a', displayName: 'x', userQuota: { maxObjects: -1 } })).toThrow(
        /'userQuota' is invalid, got .*: maxObjects must be a whole number >= 0 \(got -1\)/,
      );
    });
    test('fails for a bad endpoint URL', () => {
      expect(() => new RgwEndpoint({ url: 'rgw.example.com' })).toThrow(/'url' of the RGW endpoint is invalid, got "rgw.example.com": must be an absolute http\(s\) URL/);
      expect(() => new OstorEndpoint({ url: 'ftp://s3.example.com' })).toThrow(/'url' of the OSTOR endpoint is invalid, got "ftp:\/\/s3.example.com": must use http or https, not ftp/);
      expect(() => new RgwEndpoint({ url: 'https://rgw.example.com/admin' })).toThrow(/must be the server root, without a path, query or fragment/);
      expect(() => new VersityEndpoint({ url: 'http://gw:7070/?x=1' })).toThrow(/without a path, query or fragment/);
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
    test('fails for a bad ostor email, a Versity role or ids, and a key generation below 1', () => {
      const ostor = new OstorEndpoint({ url: 'https://s3.example.com' });
      const versity = new VersityEndpoint({ url: 'http://gw:7070' });
      expect(() => new OstorUser(newStack(), 'O', { endpoint: ostor, email: 'not-an-email' })).toThrow(
        /\[test\/O\] 'email' is invalid, got "not-an-email": must be an email address/,
      );
      expect(() => new VersityUser(newStack(), 'V', { endpoint: versity, role: 'root' as never })).toThrow(/'role' is invalid, got "root": must be one of user, userplus, admin/);
      expect(() => new VersityUser(newStack(), 'V', { endpoint: versity, userId: -1 })).toThrow(/'userId' is invalid, got -1: must be a whole number >= 0/);
      expect(() => new VersityUser(newStack(), 'V', { endpoint: versity, accessKeyId: 'a b' })).toThrow(/'accessKeyId' is invalid/);
      const stack = newStack();
      const user = new OstorUser(stack, 'O', { endpoint: ostor, email: 'a@b.io' });
      expect(() => new OstorAccessKey(stack, 'K', { user, keyRotation: 0 })).toThrow(/'keyRotation' is invalid, got 0: must be a whole number >= 1/);
    });

    test('fails for maxKeys below 1', () => {
      const stack = newStack();
      const user = new RgwUser(stack, 'U', { endpoint: endpoint(), uid: 'a', displayName: 'x' });
      expect(() => new RgwAccessKey(stack, 'K', { user, maxKeys: 0 })).toThrow(/'maxKeys' is invalid, got 0: must be a whole number >= 1/);
    });
  });
});
