import { createHash } from 'node:crypto';
import { StateOf } from '../../schema/attribute';
import { CLOUDFRONT_INVALIDATION } from '../../schema/cloudfront';
import { ResourceContext, resourceType } from '../resource-type';

type State = StateOf<typeof CLOUDFRONT_INVALIDATION.attributes>;

/**
 * The CallerReference: derived from what the invalidation is for, so a retried or repeated create is the same
 * request to CloudFront, which then returns the existing invalidation instead of making a second one.
 */
export function callerReference(state: Pick<State, 'distribution_id' | 'content_version' | 'paths'>): string {
  return createHash('sha256').update(JSON.stringify([state.distribution_id, state.content_version, state.paths])).digest('hex').slice(0, 40);
}

/** Loaded on first use: the other resource types never pay for the CloudFront client. */
function cloudfront(ctx: ResourceContext) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@aws-sdk/client-cloudfront') as typeof import('@aws-sdk/client-cloudfront');
  // the SDK reads credentials, region and AWS_ENDPOINT_URL the usual way, from the deploy's environment
  const client = new sdk.CloudFrontClient({ region: ctx.endpoint.environment.AWS_REGION ?? 'us-east-1', retryMode: 'standard', maxAttempts: 6 });
  return { sdk, client };
}

async function waitForCompletion(ctx: ResourceContext, state: State, id: string, status: string | undefined): Promise<void> {
  const { sdk, client } = cloudfront(ctx);
  const deadline = Date.now() + state.wait_minutes! * 60_000;
  try {
    // CloudFront answers "Completed"; compared without case, as emulators write it in capitals
    while (status?.toLowerCase() !== 'completed') {
      if (Date.now() > deadline) throw new Error(`invalidation ${id} is still ${status} after ${state.wait_minutes} min (it goes on; run the command again to wait more)`);
      await new Promise((r) => setTimeout(r, state.poll_seconds! * 1000));
      status = (await client.send(new sdk.GetInvalidationCommand({ DistributionId: state.distribution_id!, Id: id }))).Invalidation!.Status;
      ctx.log(`invalidation ${id}: ${status}`);
    }
  } finally {
    client.destroy();
  }
}

export const cloudfrontInvalidation = resourceType({
  schema: CLOUDFRONT_INVALIDATION,

  async create(ctx, planned) {
    const { sdk, client } = cloudfront(ctx);
    const paths = planned.paths!;
    let created;
    try {
      created = await client.send(
        new sdk.CreateInvalidationCommand({
          DistributionId: planned.distribution_id!,
          InvalidationBatch: { CallerReference: callerReference(planned), Paths: { Quantity: paths.length, Items: paths } },
        }),
      );
    } finally {
      client.destroy();
    }
    const id = created.Invalidation!.Id!;
    ctx.log(`invalidation ${id} of ${paths.join(' ')} on ${planned.distribution_id}: ${created.Invalidation!.Status}`);
    if (planned.wait_for_completion) await waitForCompletion(ctx, planned, id, created.Invalidation!.Status);
    return { ...planned, invalidation_id: id };
  },

  // an invalidation is a one-off action: once made, it stays what it was
  read: async (_ctx, state) => state,

  async update(_ctx, prior, planned) {
    return { ...planned, invalidation_id: prior.invalidation_id };
  },

  async delete(ctx, state) {
    ctx.log(`invalidation ${state.invalidation_id}: nothing to delete, an invalidation cannot be undone`);
  },

  async importState(ctx, id) {
    const [distributionId, invalidationId, extra] = id.split('/');
    if (!distributionId || !invalidationId || extra !== undefined) throw new Error(`the id of an invalidation is distributionId/invalidationId, got '${id}'`);
    const { sdk, client } = cloudfront(ctx);
    try {
      const found = await client.send(new sdk.GetInvalidationCommand({ DistributionId: distributionId, Id: invalidationId }));
      const batch = found.Invalidation!.InvalidationBatch!;
      return {
        distribution_id: distributionId,
        content_version: batch.CallerReference!,
        paths: batch.Paths!.Items ?? [],
        wait_for_completion: false,
        wait_minutes: 15,
        poll_seconds: 10,
        invalidation_id: invalidationId,
      };
    } finally {
      client.destroy();
    }
  },
});
