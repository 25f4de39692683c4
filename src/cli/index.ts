#!/usr/bin/env node
import { isMainThread } from 'node:worker_threads';
import { main } from './main';

// The bundle is also the script of the analysis worker threads (src/core/pool.ts): there, only the
// worker runs, not the CLI.
if (isMainThread) cli();

function cli(): void {
  // A closed pipe (`aims lint | head`) is not an error: the rest of the output is dropped and the
  // exit code stays that of the command.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') return;
      throw e;
    });
  }

  main(process.argv.slice(2), {
    stdout: s => { process.stdout.write(s); },
    stderr: s => { process.stderr.write(s); },
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY,
  }).then(code => { process.exitCode = code; });
}
