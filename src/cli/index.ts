#!/usr/bin/env node
import { main } from './main';

main(process.argv.slice(2), {
  stdout: s => { process.stdout.write(s); },
  stderr: s => { process.stderr.write(s); },
  cwd: process.cwd(),
  env: process.env,
  isTTY: process.stdout.isTTY,
}).then(code => { process.exitCode = code; });
