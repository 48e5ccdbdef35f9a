import * as ts from 'typescript';
import { repoRoot } from './repo-root';

/** Type-checks a file the way a user's strict project would, with `cdktf-s3-admin` resolved to this repository; returns the messages. */
export function typeCheck(file: string): string[] {
  const program = ts.createProgram([file], {
    strict: true,
    noUnusedLocals: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    baseUrl: repoRoot(),
    paths: { 'cdktf-s3-admin': ['lib/index.ts'] },
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}
