import { runHandler } from './handler';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => (data += chunk));
    process.stdin.on('end', () => resolve(data));
    process.stdin.on('error', reject);
  });
}

// Entry point of the bundled handler (dist/handler/s3-admin-handler.js).
runHandler(process.argv.slice(2), process.env, {
  log: (line) => process.stderr.write(`${line}\n`),
  readInput: readStdin,
  write: (text) => process.stdout.write(text),
}).then((code) => {
  process.exitCode = code;
});
