// Entry point the extension host loads (extensionTestsPath): runs every out/test/extension/**/*.test.js
// with mocha inside VS Code and settles when they are done; a failing, missing or empty suite rejects.
// The spec reporter's closing "N passing" / "N failing" lines are what scripts/test-all.mjs counts.
import * as fs from 'node:fs';
import * as path from 'node:path';

function findTests(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? findTests(p) : e.name.endsWith('.test.js') ? [p] : [];
  }).sort();
}

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}

/** Runs every *.test.js below `dir` (the multi-root pass uses it for out/test/extension-multiroot). */
export async function runMochaIn(dir: string): Promise<void> {
  // mocha 12's entry point is an ES module: import() loads it in any extension host (Node 20 Electron too)
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 30_000 });
  const grep = process.env.AIMS_TEST_GREP;
  if (grep) mocha.grep(grep);
  const files = findTests(dir);
  if (!files.length) throw new Error(`no *.test.js files under ${dir}: compile the tests first`);
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run(failures => {
      const ran = runner.stats?.tests ?? 0;
      // closing sentinel: test/vscode/run-ext-tests.js trusts a successful exit only after seeing it;
      // test/vscode/runTest.js reads "0 run, 0 failed" as "AIMS_TEST_GREP matches no test of this pass"
      console.log(`[ext-tests] finished: ${ran} run, ${failures} failed`);
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed.`));
      else if (ran === 0) reject(new Error('no extension-host test ran'));
      else resolve();
    });
  });
}
