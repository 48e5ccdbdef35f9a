import { TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { StorjEndpoint } from '../constructs/admin-endpoint';
import { StorjApiKey } from '../constructs/storj-api-key';
import { StorjBucketGeofence } from '../constructs/storj-bucket-geofence';
import { StorjProject } from '../constructs/storj-project';
import { StorjUser } from '../constructs/storj-user';
import { StorjExampleStack } from '../stacks/storj-example';
import { synthToDir } from './support/stack-dir';
import { newStack, synthJson, theResource } from './support/synth';

const satellite = () => new StorjEndpoint({ url: 'https://satellite-admin.example.com' });

function customer(scope: Construct, endpoint = satellite()) {
  const owner = new StorjUser(scope, 'Owner', { endpoint, email: 'owner@foobar.example', fullName: 'Foobar owner', projectLimit: 3 });
  const project = new StorjProject(scope, 'Project', { owner, name: 'foobar-data', limits: { storageBytes: 50e9, buckets: 10 } });
  return { owner, project };
}

describe('Storj constructs as resources of the s3admin provider', () => {
  test('user, project, key and geofence in the provider schema terms, the project wired to its owner by reference', () => {
    const { json } = synthJson((s) => {
      const { project } = customer(s);
      new StorjApiKey(s, 'Key', { project, name: 'app', rotation: 2 });
      new StorjBucketGeofence(s, 'Eu', { project, bucketName: 'foobar-eu', region: 'EU' });
    });
    expect(theResource(json, 's3admin_storj_user')).toMatchObject({ email: 'owner@foobar.example', full_name: 'Foobar owner', project_limit: 3, frozen: false });
    const project = theResource(json, 's3admin_storj_project');
    expect(project).toMatchObject({ owner_email: 'owner@foobar.example', name: 'foobar-data', description: '', storage_bytes: 50e9, buckets: 10 });
    expect(project.owner_id).toMatch(/^\$\{s3admin_storj_user\.Owner_[0-9A-F]+\.user_id\}$/);
    expect(project).not.toHaveProperty('bandwidth_bytes');
    expect(theResource(json, 's3admin_storj_api_key')).toMatchObject({ name: 'app', rotation: 2, lifecycle: { create_before_destroy: true } });
    expect(theResource(json, 's3admin_storj_api_key').project_id).toMatch(/\.project_id\}$/);
    expect(theResource(json, 's3admin_storj_bucket_geofence')).toMatchObject({ bucket: 'foobar-eu', region: 'EU' });
  });

  test('the endpoint is one provider configuration naming where the token is read at apply time, never a token', () => {
    const { json, text } = synthJson((s) => customer(s, new StorjEndpoint({ url: 'https://old-satellite.example.com', apiLayout: 'api', token: { tokenEnv: 'SAT_TOKEN', tokenFileEnv: 'SAT_TOKEN_FILE' } })));
    expect((json as any).provider.s3admin).toEqual([
      expect.objectContaining({ alias: 'storj_old_satellite_example_com', endpoint: 'https://old-satellite.example.com', path_prefix: '/api', token_env: 'SAT_TOKEN', token_file_env: 'SAT_TOKEN_FILE' }),
    ]);
    expect(text).not.toMatch(/"token"\s*:/);
    const current = synthJson((s) => customer(s)).json as any;
    expect(current.provider.s3admin[0]).toMatchObject({ path_prefix: '/legacy/api', token_env: 'STORJ_ADMIN_TOKEN', token_file_env: 'STORJ_ADMIN_TOKEN_FILE' });
  });

  test('the example stack marks its API key output sensitive', () => {
    const { json } = synthToDir('storj-example', (app) => new StorjExampleStack(app, 'storj-example', { url: 'http://127.0.0.1:1', euBucket: 'foobar-eu' }));
    const keyOutputs = Object.values(json.output ?? {}).filter((o) => /\.api_key\}$/.test(o.value));
    expect(keyOutputs).toHaveLength(1);
    expect(keyOutputs[0].sensitive).toBe(true);
  });

  test("importExisting writes import blocks: a user by email, a project by its owner's email and id", () => {
    const { json } = synthJson((s) => {
      const { owner, project } = customer(s);
      owner.importExisting();
      project.importExisting('6a3c0f6e-1111-4c2b-9a77-3d2e8f0b9c10');
    });
    expect(json.import).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'owner@foobar.example', to: expect.stringMatching(/^s3admin_storj_user\./) }),
        expect.objectContaining({ id: 'owner@foobar.example/6a3c0f6e-1111-4c2b-9a77-3d2e8f0b9c10', to: expect.stringMatching(/^s3admin_storj_project\./) }),
      ]),
    );
  });

  test("a project whose owner's email is a token imports by its id alone; a project id that is a token is refused", () => {
    const stack = newStack();
    const email = new TerraformVariable(stack, 'email', { type: 'string' });
    const owner = new StorjUser(stack, 'Owner', { endpoint: satellite(), email: email.stringValue, fullName: 'O' });
    const project = new StorjProject(stack, 'Project', { owner, name: 'data' });
    project.importExisting('6a3c0f6e-1111-4c2b-9a77-3d2e8f0b9c10');
    const other = new StorjProject(stack, 'Other', { owner, name: 'other' });
    expect(() => other.importExisting(new TerraformVariable(stack, 'id', { type: 'string' }).stringValue)).toThrow(/\[test\/Other\] 'projectId' must be a literal string to import an existing object/);
    const json = JSON.parse(Testing.synth(stack));
    expect(json.import).toEqual([expect.objectContaining({ id: '6a3c0f6e-1111-4c2b-9a77-3d2e8f0b9c10' })]);
  });
});

describe('validation', () => {
  test('fails for a bad email, an empty full name, and a negative or fractional project limit', () => {
    const endpoint = satellite();
    expect(() => new StorjUser(newStack(), 'U', { endpoint, email: 'owner@', fullName: 'O' })).toThrow(/\[test\/U\] 'email' is invalid, got "owner@": must be an email address/);
    expect(() => new StorjUser(newStack(), 'U', { endpoint, email: 'o@example.com', fullName: ' ' })).toThrow(/\[test\/U\] 'fullName' is invalid, got " ": must not be empty/);
    expect(() => new StorjUser(newStack(), 'U', { endpoint, email: 'o@example.com', fullName: 'O', projectLimit: -1 })).toThrow(/'projectLimit' is invalid, got -1: must be a whole number >= 0/);
    expect(() => new StorjUser(newStack(), 'U', { endpoint, email: 'o@example.com', fullName: 'O', projectLimit: 1.5 })).toThrow(/'projectLimit' is invalid, got 1.5: must be a whole number >= 0/);
  });

  test("fails for a project name over the console's 20 characters, a description over 100, and a limit that is not a whole number >= 0", () => {
    const make = (props: Partial<ConstructorParameters<typeof StorjProject>[2]>) => {
      const stack = newStack();
      const owner = new StorjUser(stack, 'Owner', { endpoint: satellite(), email: 'o@example.com', fullName: 'O' });
      return () => new StorjProject(stack, 'P', { owner, name: 'data', ...props });
    };
    expect(make({ name: 'a-project-name-of-21c' })).toThrow(/\[test\/P\] 'name' is invalid, got "a-project-name-of-21c": must be at most 20 characters long \(it has 21\)/);
    expect(make({ description: 'x'.repeat(101) })).toThrow(/'description' is invalid, got "x+": must be at most 100 characters long \(it has 101\)/);
    expect(make({ limits: { bandwidthBytes: -5 } })).toThrow(/\[test\/P\] 'limits.bandwidthBytes' is invalid, got -5: must be a whole number >= 0/);
    expect(make({ limits: { rate: 2.5 } })).toThrow(/'limits.rate' is invalid, got 2.5: must be a whole number >= 0/);
    expect(make({ limits: { storageBytes: 0, segments: 1_000_000 } })).not.toThrow();
  });

  test('fails for a key name with a control character and a rotation below 1; a region not in the list; a bucket name S3 would refuse', () => {
    const stack = newStack();
    const { project } = customer(stack);
    expect(() => new StorjApiKey(stack, 'K1', { project, name: 'ap\tp' })).toThrow(/\[test\/K1\] 'name' is invalid, got "ap\\tp": must not contain control characters/);
    expect(() => new StorjApiKey(stack, 'K2', { project, name: 'app', rotation: 0 })).toThrow(/'rotation' is invalid, got 0: must be a whole number >= 1/);
    expect(() => new StorjBucketGeofence(stack, 'G1', { project, bucketName: 'eu-data', region: 'MARS' as never })).toThrow(/\[test\/G1\] 'region' is invalid, got "MARS": must be one of EU, EEA, US, DE/);
    expect(() => new StorjBucketGeofence(stack, 'G2', { project, bucketName: 'EU_Data', region: 'EU' })).toThrow(/\[test\/G2\] 'bucketName' is invalid, got "EU_Data"/);
  });

  test('fails for an API layout that is not one of the two', () => {
    expect(() => new StorjEndpoint({ url: 'https://s.example.com', apiLayout: 'v2' as never })).toThrow(/'apiLayout' of the STORJ endpoint is invalid, got "v2": must be one of legacy, api/);
  });
});
