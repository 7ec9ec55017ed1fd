/** The coverage table `npm run test:model` prints: per machine, states and transitions gone through by verified steps. */
import type { ModelGraph } from './graph.js';

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);

/** The coverage keys of every machine that no verified step went through. */
export function missedKeys(graph: ModelGraph, covered: ReadonlySet<string>): string[] {
  return graph.machines.flatMap(({ states, transitions }) => [...states, ...transitions].filter((key) => !covered.has(key)));
}

export function coverageTable(graph: ModelGraph, covered: ReadonlySet<string>): string {
  const rows = graph.machines.map(({ flow, states, transitions }) => {
    const s = states.filter((key) => covered.has(key)).length;
    const t = transitions.filter((key) => covered.has(key)).length;
    const paths = graph.paths.filter((path) => path.machine === flow.id).length;
    return [flow.id, `${s}/${states.length}`, percent(s, states.length), `${t}/${transitions.length}`, percent(t, transitions.length), String(paths)];
  });
  const header = ['machine', 'states', '', 'transitions', '', 'paths'];
  const widths = header.map((_, column) => Math.max(header[column]!.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  ');
  const lines = ['', line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)];

  const missed = missedKeys(graph, covered);
  if (missed.length) {
    lines.push('', 'not covered (“unreachable” when no generated event leads there, even in the model):');
    for (const key of missed) lines.push(`  ${graph.reachable.has(key) ? 'not replayed' : 'unreachable '}  ${graph.labelOf(key)}  [${key.replace('\u241f', ' ')}]`);
  }
  return lines.join('\n');
}
