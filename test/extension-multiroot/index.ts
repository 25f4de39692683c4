// Entry point the extension host loads (extensionTestsPath) in the multi-root pass of npm run test:ext:
// runs every out/test/extension-multiroot/**/*.test.js with mocha inside VS Code, on the workspace file
// test/vscode/runTest.js writes (folders alpha/ and beta/ with aims/, docs-only/ without). Settles when
// the tests are done; a failing, missing or empty suite rejects. The spec reporter's closing
// "N passing" / "N failing" lines are what scripts/test-all.mjs counts.
import { runMochaIn } from '../extension/index';

export function run(): Promise<void> {
  return runMochaIn(__dirname);
}
