/**
 * One machine as a Mermaid `stateDiagram-v2`: nested states drawn nested, every transition with
 * a human label, backend calls and child flows written into the states that run them. The output
 * depends only on the machine, in document order, so that `--check` can compare it byte for byte.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { invokedSources, stateNodesOf, transitionsOf } from './catalog.js';
import { humanise, stateLabel, transitionLabel, type LabelContext } from './labels.js';

/** Mermaid reads `;` as the end of a statement and `#…;` as an entity; quotes end a label. */
function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/;/g, ',')
    .replace(/#/g, '№')
    .replace(/"/g, '“')
    .replace(/[<>]/g, (c) => (c === '<' ? '‹' : '›'))
    .replace(/[{}]/g, (c) => (c === '{' ? '(' : ')'))
    .trim();
}

/** Stands for every state inside a compound state (or the whole flow) as the source of its own transitions. */
const ANYWHERE = 'anywhere';

/** A state's id in its flow's diagram (the playground highlights states by it). */
export function mermaidId(node: AnyStateNode): string {
  return node.parent ? node.path.join('__') : 'flow';
}

const anywhereId = (node: AnyStateNode) => `${mermaidId(node)}__${ANYWHERE}`;

function isInside(node: AnyStateNode, ancestor: AnyStateNode): boolean {
  for (let current = node.parent; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

/** Edges are written in the block of the deepest state that contains both ends (Mermaid puts a state where it first sees it). */
function containerOf(source: AnyStateNode, target: AnyStateNode): AnyStateNode {
  for (let current = source.parent; current; current = current.parent) if (target === current || isInside(target, current)) return current;
  return source.machine.root;
}

export interface DiagramOptions extends LabelContext {
  /** the diagram file of a child flow, by the name its parent gives it */
  flowFileBySrc: (src: string) => string | undefined;
}

/** What a state runs while it is active: backend calls and child flows. */
function invocationLines(node: AnyStateNode, options: DiagramOptions): string[] {
  return invokedSources(node).map(({ src }) => {
    const flow = options.flowTitleBySrc(src);
    return flow ? `runs the flow: ${flow}` : `calls the backend: ${humanise(src)}`;
  });
}

export function toMermaid(machine: AnyStateMachine, options: DiagramOptions): string {
  const transitions = transitionsOf(machine);
  /** edges by the block they are written in, each edge once with all its labels */
  const edges = new Map<AnyStateNode, Map<string, string[]>>();
  const addEdge = (container: AnyStateNode, from: string, to: string, label: string) => {
    const block = edges.get(container) ?? new Map<string, string[]>();
    const key = `${from} --> ${to}`;
    const labels = block.get(key) ?? [];
    if (!labels.includes(label)) labels.push(label);
    block.set(key, labels);
    edges.set(container, block);
  };
  /** compound states (and the root) that need an "anywhere here" stand-in */
  const anywhere = new Set<AnyStateNode>();

  for (const info of transitions) {
    const label = clean(transitionLabel(info, options));
    const { source } = info;
    const targets = info.definition.target?.length ? info.definition.target : [source];
    for (const target of targets) {
      // a compound state's own transitions into itself, or staying put, start from its stand-in
      const fromAnywhere = !source.parent || (Object.keys(source.states).length > 0 && (target === source || isInside(target, source)));
      if (fromAnywhere) {
        anywhere.add(source);
        const to = target === source ? anywhereId(source) : mermaidId(target);
        addEdge(source, anywhereId(source), to, label);
      } else {
        addEdge(containerOf(source, target), mermaidId(source), mermaidId(target), label);
      }
    }
  }

  const lines: string[] = ['stateDiagram-v2'];
  const write = (depth: number, line: string) => lines.push(`${'  '.repeat(depth)}${line}`);

  const block = (node: AnyStateNode, depth: number) => {
    const children = Object.values(node.states) as AnyStateNode[];
    if (node.type === 'parallel') {
      children.forEach((region, index) => {
        if (index > 0) write(depth, '--');
        declare(region, depth);
      });
    } else {
      for (const initial of node.initial?.target ?? []) write(depth, `[*] --> ${mermaidId(initial)}`);
      for (const child of children) declare(child, depth);
    }
    if (anywhere.has(node)) write(depth, `state "${node.parent ? 'anywhere in here' : 'anywhere in this flow'}" as ${anywhereId(node)}`);
    for (const [edge, labels] of edges.get(node) ?? []) write(depth, `${edge} : ${labels.join('<br/>')}`);
    for (const child of children) if (child.type === 'final') write(depth, `${mermaidId(child)} --> [*]`);
  };

  const declare = (node: AnyStateNode, depth: number) => {
    const id = mermaidId(node);
    const label = node.type === 'history' ? `${stateLabel(node)} (history)` : stateLabel(node);
    write(depth, `state "${clean(label)}" as ${id}`);
    const invocations = invocationLines(node, options);
    if (Object.keys(node.states).length > 0) {
      write(depth, `state ${id} {`);
      block(node, depth + 1);
      write(depth, '}');
      // a composite state has no room for text of its own: what it runs goes into a note
      if (invocations.length) {
        write(depth, `note right of ${id}`);
        for (const text of invocations) write(depth + 1, clean(text));
        write(depth, 'end note');
      }
    } else {
      for (const text of invocations) write(depth, `${id} : ${clean(text)}`);
    }
  };

  block(machine.root, 1);
  return lines.join('\n');
}

/** Flow files a diagram links to: the child flows its states run. */
export function childFlowLinks(machine: AnyStateMachine, options: DiagramOptions): { title: string; file: string; state: string }[] {
  const links: { title: string; file: string; state: string }[] = [];
  for (const node of stateNodesOf(machine)) {
    for (const { src } of invokedSources(node)) {
      const title = options.flowTitleBySrc(src);
      const file = options.flowFileBySrc(src);
      if (title && file) links.push({ title, file, state: stateLabel(node) });
    }
  }
  return links;
}

