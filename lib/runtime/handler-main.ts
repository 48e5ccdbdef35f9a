import { runHandler } from './handler';

// Entry point of the bundled handler (dist/handler/s3-admin-handler.js).
runHandler(process.argv.slice(2), process.env, (line) => process.stderr.write(`${line}\n`)).then((code) => {
  process.exitCode = code;
});
