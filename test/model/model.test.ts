/**
 * Model-based path tests: every path generated from the machines (graph.ts) is replayed through
 * the real bot (replay.ts), each in a fresh chat on a fresh backend, and ends with a way out
 * (/cancel, /menu or a main-menu button) that must leave any running flow. The share of each
 * machine's states and transitions that verified steps went through is printed at the end, and
 * the last test fails unless every machine's states and transitions were all gone through.
 *
 * By default: the shortest path to every state, one path per transition (shortest path to the
 * edge's source + the edge's event) and the edges the model finds broken. MODEL_TESTS=full adds
 * the bounded simple paths. A single path: `npx vitest run test/model -t <path id>`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';
import { coverageTable, missedKeys } from './coverage.js';
import { buildModelGraph } from './graph.js';
import { treeOf } from './model.js';
import { ErrorLog, Replay } from './replay.js';

const full = process.env.MODEL_TESTS === 'full';
const graph = await buildModelGraph({ full });
const covered = new Set<string>();

const started = Date.now();
let replayed = 0;

afterAll(() => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const { vertices, edges, rounds, answers, ms } = graph.stats;
  console.log(
    [
      `model graph: ${vertices} states, ${edges} edges, ${rounds} traversals, ${answers} backend answers, built in ${(ms / 1000).toFixed(1)} s`,
      `paths: ${graph.paths.length} generated${full ? ' (full: with simple paths)' : ''}, ${replayed} replayed in ${seconds} s`,
      coverageTable(graph, covered),
    ].join('\n'),
  );
});

for (const machine of graph.machines) {
  const paths = graph.paths.filter((path) => path.machine === machine.flow.id);
  describe(`model paths: ${machine.flow.id}`, () => {
    if (paths.length === 0) it.skip('no path reaches this machine', () => {});
    for (const path of paths) {
      it(`${path.id} ${path.kind}: ${path.goal}`, async () => {
        // a fresh backend (seed data only) and bot for every path: paths change data, ids must match the model's
        const errors = new ErrorLog();
        const h = await Harness.start({ log: errors.logger, liveChats: 0 }); // every step restored from Redis
        try {
          const replay = new Replay(h, graph, errors);
          const exit = path.exit;
          for (const step of [...path.steps, exit]) {
            await replay.step(step);
            for (const key of [...step.state.trace.states, ...step.state.trace.transitions]) covered.add(key);
          }
          const left = treeOf(graph.model.root, exit.state.chat).length === 1;
          if (!left) throw new Error(`${replay.story()}\n“${exit.event.type}” did not leave the running flow`);
          replayed += 1;
        } finally {
          await h.stop();
        }
      }, 60_000);
    }
  });
}

// after every path (tests of a file run in order): run alone with `-t` a path leaves this one out
describe('model coverage', () => {
  it('every state and every transition of every machine is gone through by a verified step', () => {
    const missed = missedKeys(graph, covered);
    expect(missed.length, coverageTable(graph, covered)).toBe(0);
  });
});
