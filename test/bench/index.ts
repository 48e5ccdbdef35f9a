import { awsBench } from './aws-bench';
import { providerBench } from './provider-bench';
import { rgwBench } from './rgw-bench';
import { synthBench } from './synth-bench';

/**
 * `npm run bench`: prints figures; it asserts nothing (goals are judged by reading them). BENCH_ONLY=synth|rgw|provider|aws
 * picks one; BENCH_RUNS sets the rounds of synth (default 5) and provider (default 3: 200 and 1,000 RGW users
 * through OpenTofu against bare terraform_data, then the provider's start-up; BENCH_SIZES=200 for one size).
 */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'synth') synthBench([10, 100, 1000], Number(process.env.BENCH_RUNS ?? 5));
  if (!only || only === 'rgw') await rgwBench(200, 8);
  if (!only || only === 'provider') await providerBench((process.env.BENCH_SIZES ?? '200,1000').split(',').map(Number), Number(process.env.BENCH_RUNS ?? 3));
  if (!only || only === 'aws') await awsBench(10_000, 200);
  if (!only || only === 'website') (await import('./website-bench')).websiteBench([100, 1000, 5000], Number(process.env.BENCH_RUNS ?? 3));
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
