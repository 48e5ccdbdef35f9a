import { S3ADMIN_PROVIDER } from './s3admin';
import { servePlugin } from './server/plugin-server';

// The bundle's entry point: the engine starts it as terraform-provider-s3admin_v<version>.
servePlugin(S3ADMIN_PROVIDER, process.env, {
  stdout: process.stdout,
  log: (line) => process.stderr.write(`${line}\n`),
  exit: (code) => process.exit(code),
}).catch((e: Error) => {
  process.stderr.write(`the s3admin provider could not start: ${e.stack ?? e.message}\n`);
  process.exit(1);
});
