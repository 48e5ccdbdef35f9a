#!/usr/bin/env node
import { runCli } from './cli';

runCli(
  process.argv.slice(2),
  (text) => process.stdout.write(`${text}\n`),
  (text) => process.stderr.write(`[s3-admin] ${text}\n`),
).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`s3-admin: ${error.name}: ${error.message}\n`);
    process.exitCode = 1;
  },
);
