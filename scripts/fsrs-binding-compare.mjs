// Optional comparison (issue 12 §4): fits FSRS-6 with @open-spaced-repetition/binding (fsrs-rs, the Rust
// optimizer) on the logs the retention bench fitted on, and evaluates both parameter sets with the same
// evaluator. Usage (after `npm install --prefix /some/dir @open-spaced-repetition/binding@0.5.0`):
//   BMO_BINDING_DIR=/some/dir node scripts/fsrs-binding-compare.mjs bench/results/retention-fit-logs.json
// Input: {"weights":[21 numbers fitted by BmoLearning.Learning],"histories":[[[rating, days since previous], ...], ...]}
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const require = createRequire(path.join(process.env.BMO_BINDING_DIR ?? ".", "node_modules", "noop.js"));
const { computeParameters, FSRSBinding, FSRSBindingItem, FSRSBindingReview } = require("@open-spaced-repetition/binding");

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
// fsrs-rs trains on every prefix of a history that ends in a review on a later day than the one before.
const items = [];
for (const history of input.histories) {
  for (let k = 2; k <= history.length; k++) {
    if (history[k - 1][1] > 0) {
      items.push(new FSRSBindingItem(history.slice(0, k).map(([rating, days], i) => new FSRSBindingReview(rating, i === 0 ? 0 : days))));
    }
  }
}

const started = Date.now();
const rust = await computeParameters(items, { enableShortTerm: true });
const seconds = (Date.now() - started) / 1000;
const evaluate = (w) => new FSRSBinding(w).evaluate(items);
const defaults = evaluate(undefined);
const ours = evaluate(input.weights);
const theirs = evaluate(rust);
console.log(`items ${items.length}; fsrs-rs fit in ${seconds.toFixed(1)} s`);
console.log(`| parameters | log loss | RMSE (bins) |`);
console.log(`|---|---|---|`);
console.log(`| FSRS-6 default | ${defaults.logLoss.toFixed(4)} | ${defaults.rmseBins.toFixed(4)} |`);
console.log(`| fitted by BmoLearning.Learning (C#) | ${ours.logLoss.toFixed(4)} | ${ours.rmseBins.toFixed(4)} |`);
console.log(`| fitted by fsrs-rs (binding 0.5.0) | ${theirs.logLoss.toFixed(4)} | ${theirs.rmseBins.toFixed(4)} |`);
console.log(`fsrs-rs w = [${rust.map((w) => w.toFixed(4)).join(", ")}]`);
