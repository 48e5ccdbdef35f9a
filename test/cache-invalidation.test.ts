/**
 * The CloudFront invalidation resource of the provider on moto, with the engine's part played by
 * ResourceDriver: one CreateInvalidation per content version, none for a deploy without a change. The SDK
 * reaches moto through a pass-through proxy, which counts the calls.
 */
import { CloudFrontClient, CreateDistributionCommand, GetInvalidationCommand, ListInvalidationsCommand } from '@aws-sdk/client-cloudfront';
import { CtyObject } from '../lib/provider/protocol/cty-value';
import { callerReference, cloudfrontInvalidation } from '../lib/provider/resources/cloudfront-invalidation';
import { FaultProxy } from './support/fault-proxy';
import { connect, Connection, ResourceDriver } from './support/provider/resource-driver';

const AWS_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing', AWS_REGION: 'us-east-1' };

describe('s3admin_cloudfront_invalidation on moto', () => {
  const proxy = new FaultProxy(process.env.MOTO_ENDPOINT!);
  const saved: Record<string, string | undefined> = {};
  let cloudfront: CloudFrontClient;
  let connection: Connection;
  let invalidations: ResourceDriver;
  let distributionId = '';
  let state: CtyObject;
  const config = (contentVersion: string) => ({
    distribution_id: distributionId,
    content_version: contentVersion,
    paths: ['/index.html', '/assets/*'],
    wait_for_completion: true,
    wait_minutes: 1,
    poll_seconds: 1,
  });
  /** CreateInvalidation calls that reached moto. */
  const creates = () => proxy.records.filter((r) => r.method === 'POST' && /\/distribution\/[^/]+\/invalidation$/.test(r.url)).length;
  const listed = async () => (await cloudfront.send(new ListInvalidationsCommand({ DistributionId: distributionId }))).InvalidationList?.Quantity ?? 0;

  beforeAll(async () => {
    // the SDK reads its endpoint and credentials from the process's environment, as it does under the engine
    const env = { ...AWS_ENV, AWS_ENDPOINT_URL: await proxy.start() };
    for (const [name, value] of Object.entries(env)) {
      saved[name] = process.env[name];
      process.env[name] = value;
    }
    connection = connect({}, { ...process.env, ...env });
    invalidations = new ResourceDriver(cloudfrontInvalidation, connection);
    cloudfront = new CloudFrontClient({ region: 'us-east-1', endpoint: process.env.MOTO_ENDPOINT, credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const created = await cloudfront.send(
      new CreateDistributionCommand({
        DistributionConfig: {
          CallerReference: `lc-invalidation-${Date.now()}`,
          Comment: 'site',
          Enabled: true,
          Origins: { Quantity: 1, Items: [{ Id: 'o', DomainName: 'site.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' } }] },
          DefaultCacheBehavior: {
            TargetOriginId: 'o',
            ViewerProtocolPolicy: 'redirect-to-https',
            ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
            MinTTL: 0,
            TrustedSigners: { Enabled: false, Quantity: 0 },
          },
        },
      }),
    );
    distributionId = created.Distribution!.Id!;
  });

  afterAll(async () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    cloudfront.destroy();
    connection.endpoint.close();
    await proxy.stop();
  });

  test('create: one invalidation of the declared paths, waited for until it is complete', async () => {
    const applied = await invalidations.apply(null, config('build-1'));
    state = applied.state!;

    expect(state).toEqual({ ...config('build-1'), invalidation_id: expect.any(String) });
    expect(creates()).toBe(1);
    const made = (await cloudfront.send(new GetInvalidationCommand({ DistributionId: distributionId, Id: state.invalidation_id as string }))).Invalidation!;
    expect(made.InvalidationBatch!.Paths!.Items).toEqual(['/index.html', '/assets/*']);
    expect(made.Status!.toLowerCase()).toBe('completed');
    expect(applied.log).toContainEqual(expect.stringMatching(new RegExp(`^invalidation ${state.invalidation_id} of /index.html /assets/\\* on ${distributionId}: completed$`, 'i')));
  });

  test('the CallerReference is derived from what is invalidated, so a retried create is the same request', async () => {
    const made = (await cloudfront.send(new GetInvalidationCommand({ DistributionId: distributionId, Id: state.invalidation_id as string }))).Invalidation!;
    expect(made.InvalidationBatch!.CallerReference).toBe(callerReference({ distribution_id: distributionId, content_version: 'build-1', paths: ['/index.html', '/assets/*'] }));
  });

  test('a re-plan with the same content version has no change, and its apply makes no invalidation', async () => {
    const plan = invalidations.plan(await invalidations.read(state), config('build-1'));
    const applied = await invalidations.apply(state, config('build-1'));

    expect(plan.changed).toEqual([]);
    expect(plan.requiresReplace).toEqual([]);
    expect(applied.state).toEqual(state);
    expect(creates()).toBe(1);
    expect(await listed()).toBe(1);
  });

  test('a new content version replaces the resource: a second invalidation', async () => {
    const applied = await invalidations.apply(state, config('build-2'));

    expect(applied.requiresReplace).toEqual(['content_version']);
    expect(applied.replaced).toBe(true);
    expect(applied.state!.invalidation_id).not.toBe(state.invalidation_id);
    expect(creates()).toBe(2);
    expect(await listed()).toBe(2);
    state = applied.state!;
  });

  test('a change of how long to wait is made in place, with no invalidation', async () => {
    const applied = await invalidations.apply(state, { ...config('build-2'), wait_minutes: 5 });

    expect(applied.replaced).toBe(false);
    expect(applied.changed).toEqual(['wait_minutes']);
    expect(applied.state).toEqual({ ...state, wait_minutes: 5 });
    expect(creates()).toBe(2);
  });

  test('delete makes no call (an invalidation cannot be undone); a second delete succeeds', async () => {
    const before = proxy.records.length;
    await invalidations.destroy(state);
    await invalidations.destroy(state);
    expect(proxy.records.length).toBe(before);
    expect(await listed()).toBe(2);
  });
});
