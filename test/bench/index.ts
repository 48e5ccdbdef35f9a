import { awsBench } from './aws-bench';
import { rgwBench } from './rgw-bench';
import { synthBench } from './synth-bench';

/** `npm run bench`: prints figures; it asserts nothing (goals are judged by reading them). BENCH_ONLY=synth|rgw|aws picks one. */
async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'synth') synthBench([10, 100, 1000], Number(process.env.BENCH_RUNS ?? 5));
  if (!only || only === 'rgw') await rgwBench(200, 8);
  if (!only || only === 'aws') await awsBench(10_000, 200);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
