#!/usr/bin/env node
// The `aims` command: dist/cli.js is the bundled CLI (npm run build in a clone; built by prepack in
// the npm package).
const path = require('path');
const fs = require('fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`aims: ${cli} is missing. In a clone of the repository run 'npm ci && npm run build' first.\n`);
  process.exit(2);
}
require(cli);
