// Reference oracle for the FSRS-6 agreement test: replays rating sequences through ts-fsrs 5.4.2 and
// prints the state after every review. Reads JSON on stdin:
//   {"cases":[{"options":{"enable_short_term":true,"learning_steps":["1m","10m"],"relearning_steps":["10m"],
//     "request_retention":0.9,"maximum_interval":36500},"sequences":[{"start":ms,"reviews":[{"rating":1-4,"at":ms}]}]}]}
// Writes {"version":"5.4.2","cases":[[[{stability,difficulty,state,step,due,scheduled_days,reps,lapses,retrievability}]]]}.
// ts-fsrs is resolved from BMO_TS_FSRS_DIR (the .tools/ directory scripts/fsrs-oracle.sh installs it into).
import { createRequire } from "node:module";
import path from "node:path";

const dir = process.env.BMO_TS_FSRS_DIR;
if (!dir) {
  console.error("BMO_TS_FSRS_DIR is not set (the directory holding node_modules/ts-fsrs)");
  process.exit(2);
}
const require = createRequire(path.join(dir, "node_modules", "noop.js"));
const { fsrs, generatorParameters, createEmptyCard, FSRSVersion } = require("ts-fsrs");

let input = "";
for await (const chunk of process.stdin) input += chunk;
const request = JSON.parse(input);

const out = { version: FSRSVersion, cases: [] };
for (const c of request.cases) {
  const f = fsrs(generatorParameters({ ...c.options, enable_fuzz: false }));
  const results = [];
  for (const seq of c.sequences) {
    let card = createEmptyCard(new Date(seq.start));
    const states = [];
    for (const review of seq.reviews) {
      const at = new Date(review.at);
      const retrievability = f.get_retrievability(card, at, false);
      card = f.next(card, at, review.rating).card;
      states.push({
        stability: card.stability,
        difficulty: card.difficulty,
        state: card.state,
        step: card.learning_steps,
        due: card.due.getTime(),
        scheduled_days: card.scheduled_days,
        reps: card.reps,
        lapses: card.lapses,
        retrievability,
      });
    }
    results.push(states);
  }
  out.cases.push(results);
}
process.stdout.write(JSON.stringify(out));
