import { paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { mapConcurrently } from '../../lib/day2/concurrency';
import { scanEstate } from '../../lib/day2/adopt-scan';
import { writeAdoptedStack } from '../../lib/day2/adopt-writer';
import { awsClients, Calls } from '../../lib/day2/aws-clients';
import { inspectBucket } from '../../lib/day2/inspect-bucket';
import { startMoto, stopMoto } from '../support/moto/moto-server';
import { seedBucket } from '../support/seed-estate';

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = process.hrtime.bigint();
  const result = await work();
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, result };
}

/**
 * The day-2 commands on a moto server of their own: `inspect bucket` of a bucket with `objects` objects (its
 * emptiness check must not list them; a full listing is timed beside it for scale) and `adopt` of `buckets`
 * buckets made the way the replaced service made them, each with its policy, group and one user.
 */
export async function awsBench(objects: number, buckets: number): Promise<void> {
  process.env.AWS_ACCESS_KEY_ID ??= 'testing';
  process.env.AWS_SECRET_ACCESS_KEY ??= 'testing';
  const env = await startMoto();
  try {
    const clients = awsClients({ endpoint: env.MOTO_ENDPOINT });
    const seeding = await timed(() => seedBucket(clients, 'bench-large', { objects, users: 3 }));
    const inspect = await timed(() => inspectBucket(clients, 'bench-large'));
    const listing = new Calls();
    const fullList = await timed(() => listing.all('s3:ListBucket', paginateListObjectsV2({ client: clients.s3 }, { Bucket: 'bench-large' }), (p) => p.Contents));
    console.log(`\naws (moto): inspect bucket with ${objects.toLocaleString('en')} objects (seeded in ${seeding.seconds.toFixed(1)} s)`);
    console.log(['what', 'seconds', 'API calls'].join('\t'));
    console.log(['inspect bucket (empty: false)', inspect.seconds.toFixed(2), inspect.result.calls].join('\t'));
    console.log([`full listing of ${fullList.result.length} keys, for scale`, fullList.seconds.toFixed(2), listing.count].join('\t'));

    const names = Array.from({ length: buckets }, (_, i) => `bench-adopt-${String(i).padStart(4, '0')}`);
    const adoptSeeding = await timed(() => mapConcurrently(names, 8, (name) => seedBucket(clients, name, { users: 1, keys: true, settings: false })));
    let progressLines = 0;
    const scan = await timed(() => scanEstate(clients, () => progressLines++));
    const write = await timed(async () => writeAdoptedStack(scan.result));
    console.log(`\naws (moto): adopt of ${buckets} buckets, each with policy, group and one user with a key (seeded in ${adoptSeeding.seconds.toFixed(1)} s)`);
    console.log(['what', 'seconds', 'API calls', 'found'].join('\t'));
    const found = `${scan.result.buckets.length} buckets, ${scan.result.users.length} users`;
    console.log(['scan', scan.seconds.toFixed(2), scan.result.calls, found].join('\t'));
    console.log(['write the stack', write.seconds.toFixed(2), 0, `${write.result.split('\n').length} lines`].join('\t'));
    console.log(`calls per bucket: ${(scan.result.calls / buckets).toFixed(1)}; progress callbacks: ${progressLines}`);
  } finally {
    stopMoto(env);
  }
}
