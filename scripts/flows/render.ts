/**
 * Every flow with its title, purpose and Mermaid diagram, as the docs show them: used by
 * `npm run diagrams` (the files in docs/flows/) and by the playground (the live diagram beside the
 * chat), so both draw the same picture from the same machines.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { chatMachine } from '../../machines/chat.js';
import { aboutFlow, type About } from './about.js';
import { activeStateNodes, actorTree, discoverFlows, type Flow } from './catalog.js';
import { stateLabel } from './labels.js';
import { mermaidId, toMermaid, type DiagramOptions } from './mermaid.js';

export const fileOf = (flow: Flow) => `${flow.id}.md`;

export function optionsFor(flow: Flow, flows: ReadonlyMap<string, Flow>, abouts: ReadonlyMap<string, About>): DiagramOptions {
  const childBySrc = (src: string) => {
    const logic = flow.machine.implementations.actors[src] as { id?: string } | undefined;
    return logic?.id !== undefined && flow.childFlows.includes(logic.id) ? flows.get(logic.id) : undefined;
  };
  return {
    flowTitleBySrc: (src) => {
      const child = childBySrc(src);
      return child ? abouts.get(child.id)!.title : undefined;
    },
    flowFileBySrc: (src) => {
      const child = childBySrc(src);
      return child ? fileOf(child) : undefined;
    },
  };
}

export interface Catalogue {
  flows: Flow[];
  byId: ReadonlyMap<string, Flow>;
  abouts: ReadonlyMap<string, About>;
}

/** Every flow reachable from the chat machine, with what the docs say about it. */
export function catalogue(): Catalogue {
  const flows = discoverFlows();
  const byId = new Map(flows.map((flow) => [flow.id, flow]));
  const abouts = new Map(flows.map((flow) => [flow.id, aboutFlow(flow, byId)]));
  return { flows, byId, abouts };
}

export interface FlowDiagram {
  id: string;
  title: string;
  purpose: string;
  /** a Mermaid stateDiagram-v2 whose state ids are those `chatPosition` names */
  mermaid: string;
}

export function flowDiagrams({ flows, byId, abouts }: Catalogue = catalogue()): FlowDiagram[] {
  return flows.map((flow) => {
    const about = abouts.get(flow.id)!;
    return { id: flow.id, title: about.title, purpose: about.purpose, mermaid: toMermaid(flow.machine, optionsFor(flow, byId, abouts)) };
  });
}

/** Where one running flow is: its diagram's id and its active states, outermost first. */
export interface FlowPosition {
  flow: string;
  /** the ids of the active states in the flow's diagram */
  states: string[];
  /** the innermost active state, as the diagram labels it */
  label: string;
}

/**
 * Where a chat is, from its persisted actor tree: every running flow, the chat machine first and
 * the innermost flow last, each with its active states.
 */
export function chatPosition(persisted: unknown, root: AnyStateMachine = chatMachine as unknown as AnyStateMachine): FlowPosition[] {
  return actorTree(root, persisted).map((node) => {
    const active: AnyStateNode[] = activeStateNodes(node.machine, node.value);
    const innermost = active.at(-1);
    return { flow: node.machine.id, states: active.map(mermaidId), label: innermost ? stateLabel(innermost) : '' };
  });
}
