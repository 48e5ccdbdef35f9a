import { synthBench } from './synth-bench';

/** `npm run bench`: prints figures; it asserts nothing (goals are judged by reading them). */
synthBench([10, 100, 1000], Number(process.env.BENCH_RUNS ?? 3));
