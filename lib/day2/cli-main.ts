#!/usr/bin/env node
import { runCli } from './cli';

// runCli reports every failure itself; the catch is for a bug in that reporting, so that it still exits non-zero
runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => (process.exitCode = code),
  (error: Error) => {
    process.stderr.write(`s3-admin: ${error.name}: ${error.message}\n`);
    process.exitCode = 1;
  },
);
