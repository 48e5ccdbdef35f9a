import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { OstorEndpoint, RgwEndpoint, StorjEndpoint, VersityEndpoint } from '../constructs/admin-endpoint';
import { AdminBucket } from '../constructs/admin-bucket';
import { OstorAccessKey } from '../constructs/ostor-access-key';
import { OstorUser } from '../constructs/ostor-user';
import { RgwAccessKey } from '../constructs/rgw-access-key';
import { RgwBucket } from '../constructs/rgw-bucket';
import { RgwUser } from '../constructs/rgw-user';
import { StorjProject } from '../constructs/storj-project';
import { StorjUser } from '../constructs/storj-user';
import { VersityUser } from '../constructs/versity-user';
import { printSynthSummary } from '../stacks/synth-summary';
import { synthToDir } from './support/stack-dir';

/** Two stacks of one app, as teams split estates, so that a clash across stacks is caught too. */
function twoStacks(): [TerraformStack, TerraformStack] {
  const app = Testing.app();
  return [new TerraformStack(app, 'one'), new TerraformStack(app, 'two')];
}

const rgw = () => new RgwEndpoint({ url: 'https://rgw.example.com' });

describe('names that must be unique in the whole app', () => {
  test('fails for one uid declared twice on one RGW, even in two stacks, naming both constructs', () => {
    // GIVEN
    const [one, two] = twoStacks();
    new RgwUser(one, 'Alice', { endpoint: rgw(), uid: 'alice', displayName: 'Alice' });
    // WHEN / THEN
    expect(() => new RgwUser(two, 'AliceAgain', { endpoint: rgw(), uid: 'alice', displayName: 'Alice' })).toThrow(
      /\[two\/AliceAgain\] 'uid' "alice" is already declared by one\/Alice: two declarations of one RGW user on https:\/\/rgw.example.com would fight over it at apply/,
    );
  });

  test('the same uid on two different RGWs is two users', () => {
    const [one] = twoStacks();
    new RgwUser(one, 'A', { endpoint: rgw(), uid: 'alice', displayName: 'Alice' });
    expect(() => new RgwUser(one, 'B', { endpoint: new RgwEndpoint({ url: 'https://other-rgw.example.com' }), uid: 'alice', displayName: 'Alice' })).not.toThrow();
  });

  test('fails for one email on two RGW users, one RGW bucket twice, one ostor email twice, and a second ostor key of one user', () => {
    const [one, two] = twoStacks();
    const a = new RgwUser(one, 'A', { endpoint: rgw(), uid: 'a', displayName: 'A', email: 'shared@example.com' });
    expect(() => new RgwUser(two, 'B', { endpoint: rgw(), uid: 'b', displayName: 'B', email: 'shared@example.com' })).toThrow(/'email' "shared@example.com" is already declared by one\/A/);
    const key = new RgwAccessKey(one, 'K', { user: a });
    new RgwBucket(one, 'Data', { bucketName: 'data', owner: key });
    expect(() => new RgwBucket(two, 'DataAgain', { bucketName: 'data', owner: key })).toThrow(/'bucketName' "data" is already declared by one\/Data/);
    const ostor = new OstorEndpoint({ url: 'https://ostor.example.com' });
    const client = new OstorUser(one, 'Client', { endpoint: ostor, email: 'client@example.com' });
    expect(() => new OstorUser(two, 'Client', { endpoint: ostor, email: 'client@example.com' })).toThrow(/is already declared by one\/Client/);
    new OstorAccessKey(one, 'Key1', { user: client });
    expect(() => new OstorAccessKey(one, 'Key2', { user: client })).toThrow(/\[one\/Key2\] 'user' "client@example.com" is already declared by one\/Key1: two declarations of one ostor access key/);
  });

  test('fails for one VersityGW access key id twice and one Storj project name twice for one owner', () => {
    const [one, two] = twoStacks();
    const versity = new VersityEndpoint({ url: 'http://gw:7070' });
    new VersityUser(one, 'Alice', { endpoint: versity, accessKeyId: 'alice' });
    expect(() => new VersityUser(two, 'Alice', { endpoint: versity, accessKeyId: 'alice' })).toThrow(/'accessKeyId' "alice" is already declared by one\/Alice/);
    const storj = new StorjEndpoint({ url: 'https://satellite.example.com' });
    const owner = new StorjUser(one, 'Owner', { endpoint: storj, email: 'o@example.com', fullName: 'O' });
    new StorjProject(one, 'P1', { owner, name: 'data' });
    expect(() => new StorjProject(one, 'P2', { owner, name: 'data' })).toThrow(/'name' "data" is already declared by one\/P1: two declarations of one Storj project/);
  });

  test('names still unresolved are left to the engine', () => {
    const [one] = twoStacks();
    const uid = new TerraformVariable(one, 'uid', { type: 'string' });
    new RgwUser(one, 'A', { endpoint: rgw(), uid: uid.stringValue, displayName: 'A' });
    expect(() => new RgwUser(one, 'B', { endpoint: rgw(), uid: uid.stringValue, displayName: 'B' })).not.toThrow();
  });
});

describe('AWS names that must be unique in the whole app', () => {
  test('fails for one bucket declared by two constructs, and one IAM user created by two addUser calls', () => {
    const [one, two] = twoStacks();
    const data = new AdminBucket(one, 'Data', { bucketName: 'acme-data-1' });
    expect(() => new AdminBucket(two, 'DataAgain', { bucketName: 'acme-data-1' })).toThrow(/\[two\/DataAgain\] 'bucketName' "acme-data-1" is already declared by one\/Data: two declarations of one S3 bucket would fight over it/);
    const other = new AdminBucket(one, 'Other', { bucketName: 'acme-other-1' });
    data.addUser('alice');
    expect(() => other.addUser('alice')).toThrow(/'userName' "alice" is already declared by one\/Data\/User-alice: two declarations of one IAM user/);
  });

  test('fails for bucket names AWS reserves for its own kinds of bucket', () => {
    expect(() => new AdminBucket(twoStacks()[0], 'B', { bucketName: 'amzn-s3-demo-bucket' })).toThrow(/must not start with the prefix 'amzn-s3-demo-', which AWS reserves/);
    expect(() => new AdminBucket(twoStacks()[0], 'B', { bucketName: 'logs--x-s3' })).toThrow(/must not end with the suffix '--x-s3', which AWS reserves/);
  });
});

describe('warnings at synth', () => {
  test('npm run synth prints the warnings constructs raise, with their paths, not only the manifest', () => {
    // GIVEN a stack with a bucket that force-destroys
    const { stackDir } = synthToDir('warned', (app: App) => {
      const stack = new TerraformStack(app, 'warned');
      new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
      new AdminBucket(stack, 'Scratch', { bucketName: 'scratch-bucket-1', forceDestroy: true });
      return stack;
    });
    // WHEN the summary is printed
    const warnings: string[] = [];
    printSynthSummary(`${stackDir}/../..`, (line) => warnings.push(line));
    // THEN
    expect(warnings).toEqual([expect.stringMatching(/^warning \[warned\/Scratch\]: 'forceDestroy' is on: destroying this stack deletes 'scratch-bucket-1' with all its objects/)]);
  });
});
