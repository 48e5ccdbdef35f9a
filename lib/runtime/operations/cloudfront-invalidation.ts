import { createHash } from 'node:crypto';
import { OperationContext } from '../context';
import { ObjectLifecycle, nothingToReconcile } from './operation';

export interface InvalidationProps {
  readonly distributionId: string;
  readonly paths: string[];
  /** What the invalidation is for: a new value is a new invalidation. */
  readonly contentVersion: string;
  readonly waitForCompletion: boolean;
  /** Seconds between status checks while waiting. */
  readonly pollSeconds: number;
  /** Give up waiting after this long (the invalidation itself goes on). */
  readonly waitMinutes: number;
}

/**
 * The CallerReference: derived from what the invalidation is for, so a retried or repeated create is the same
 * request to CloudFront, which then returns the existing invalidation instead of making a second one.
 */
export function callerReference(p: InvalidationProps): string {
  return createHash('sha256').update(JSON.stringify([p.distributionId, p.contentVersion, p.paths])).digest('hex').slice(0, 40);
}

export const cloudfrontInvalidation: ObjectLifecycle = {
  async create(ctx: OperationContext) {
    const p = ctx.request.props as unknown as InvalidationProps;
    // loaded here only: the other operations never pay for the CloudFront client (the SDK reads credentials,
    // region and AWS_ENDPOINT_URL the usual way)
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const sdk = require('@aws-sdk/client-cloudfront') as typeof import('@aws-sdk/client-cloudfront');
    const client = new sdk.CloudFrontClient({ region: ctx.env.AWS_REGION ?? 'us-east-1', retryMode: 'standard', maxAttempts: 6 });
    try {
      const created = await client.send(
        new sdk.CreateInvalidationCommand({
          DistributionId: p.distributionId,
          InvalidationBatch: { CallerReference: callerReference(p), Paths: { Quantity: p.paths.length, Items: p.paths } },
        }),
      );
      const id = created.Invalidation!.Id!;
      ctx.log(`invalidation ${id} of ${p.paths.join(' ')} on ${p.distributionId}: ${created.Invalidation!.Status}`);
      if (!p.waitForCompletion) return;
      const deadline = Date.now() + p.waitMinutes * 60_000;
      // CloudFront answers "Completed"; compared without case, as emulators write it in capitals
      for (let status = created.Invalidation!.Status; status?.toLowerCase() !== 'completed'; ) {
        if (Date.now() > deadline) throw new Error(`invalidation ${id} is still ${status} after ${p.waitMinutes} min (it goes on; deploy again to wait more)`);
        await new Promise((r) => setTimeout(r, p.pollSeconds * 1000));
        status = (await client.send(new sdk.GetInvalidationCommand({ DistributionId: p.distributionId, Id: id }))).Invalidation!.Status;
        ctx.log(`invalidation ${id}: ${status}`);
      }
    } finally {
      client.destroy();
    }
  },

  reconcile: nothingToReconcile,

  // an invalidation cannot be undone, and there is nothing to clean up
  async delete(ctx) {
    ctx.log('nothing to delete: an invalidation is a one-off action');
  },
};
