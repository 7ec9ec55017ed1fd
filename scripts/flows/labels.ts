/**
 * Names a person understands for states, events and transitions, taken from the machines'
 * `description`s where they have one and derived from keys and event types where they do not.
 * Product owners read these in the diagrams; test authors read them in failing paths.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { invokedSources, type TransitionInfo } from './catalog.js';

/** `waitingForEmail` → `waiting for email`; `change_group` → `change group`. */
export function humanise(key: string): string {
  return key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
}

export function stateLabel(node: AnyStateNode): string {
  return node.description ?? humanise(node.key);
}

/** What a person (or the bot's runtime) did, by event type. */
const eventNames: Record<string, string> = {
  TEXT: 'types a message',
  MEDIA: 'sends a photo or file',
  BUTTON: 'presses a button',
  MENU: 'main menu button',
  COMMAND: 'command',
  SESSION_EXPIRED: 'the session expired',
  PROFILE: 'the role was checked again',
};

/** What a transition that stays in its state does, by action name. */
const actionNames: Record<string, string> = {
  show: 'answers',
  alert: 'short alert',
  deleteMessage: 'deletes the message',
};

export interface LabelContext {
  /** flow titles by the name their parent gives them in `setup({ actors })` */
  flowTitleBySrc: (src: string) => string | undefined;
}

function invokeSrc(node: AnyStateNode, invokeId: string): string | undefined {
  for (let current: AnyStateNode | undefined = node; current; current = current.parent) {
    const found = invokedSources(current).find((invoke) => invoke.id === invokeId);
    if (found) return found.src;
  }
  return undefined;
}

/** The trigger of a transition, without its condition: `types a message`, `login failed`. */
export function triggerLabel(info: TransitionInfo, context: LabelContext): string {
  const type = info.eventType;
  if (type === '') return 'automatically';
  const named = eventNames[type];
  if (named) return named;
  const actor = /^xstate\.(done|error)\.actor\.(.+)$/.exec(type);
  if (actor) {
    const src = invokeSrc(info.source, actor[2]!) ?? actor[2]!;
    const flow = context.flowTitleBySrc(src);
    if (flow) return actor[1] === 'done' ? `${flow} finished` : `${flow} stopped with an error`;
    return actor[1] === 'done' ? `backend: ${humanise(src)} succeeded` : `backend: ${humanise(src)} failed`;
  }
  const after = /^xstate\.after\.(\d+)\./.exec(type);
  if (after) return `after ${Number(after[1]) / 1000} s`;
  if (type.startsWith('xstate.done.state.')) return 'finished';
  return humanise(type);
}

const UNDESCRIBED = 'a condition without a description';

/**
 * The condition under which this transition (and not an earlier sibling) is taken, or null when
 * it is the only one. An inline guard without a description says so (see `missingDescriptions`).
 */
export function conditionLabel(info: TransitionInfo): string | null {
  const { definition, index, siblings } = info;
  if (definition.description) return definition.description;
  const guard = definition.guard as unknown;
  if (typeof guard === 'string') return humanise(guard);
  if (guard && typeof guard === 'object' && 'type' in guard && typeof guard.type === 'string') return humanise(guard.type);
  if (guard) return UNDESCRIBED;
  return index > 0 && siblings.slice(0, index).some((sibling) => sibling.guard) ? 'otherwise' : null;
}

function actionName(action: unknown): string | undefined {
  if (typeof action === 'string') return action;
  if (action && typeof action === 'object' && 'type' in action && typeof action.type === 'string') return action.type;
  return undefined;
}

/** For a transition that stays where it is: what the bot does instead (answers, alerts, passes on). */
export function effectLabel(info: TransitionInfo): string | null {
  const names = info.definition.actions.map(actionName).flatMap((name) => {
    if (!name) return [];
    if (name.startsWith('forwardTo')) return ['passed to the flow'];
    const known = actionNames[name];
    return known ? [known] : [];
  });
  return names.length ? [...new Set(names)].join(', ') : null;
}

export function transitionLabel(info: TransitionInfo, context: LabelContext): string {
  const condition = conditionLabel(info);
  const trigger = triggerLabel(info, context);
  const label = condition ? `${trigger} [${condition}]` : trigger;
  const targets = info.definition.target ?? [];
  if (targets.length) return info.definition.reenter && targets.includes(info.source) ? `${label} → starts again` : label;
  const effect = effectLabel(info);
  return effect ? `${label} → ${effect}` : label;
}

/** What a product owner would miss: states and guarded transitions that carry no description. */
export function missingDescriptions(machine: AnyStateMachine, transitions: TransitionInfo[]): string[] {
  const missing: string[] = [];
  const visit = (node: AnyStateNode) => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      if (!child.description && child.type !== 'final' && child.type !== 'history') missing.push(`state ${child.id}`);
      visit(child);
    }
  };
  visit(machine.root);
  for (const info of transitions) {
    if (conditionLabel(info) === UNDESCRIBED) {
      missing.push(`transition ${info.source.id} on ${info.eventType || '(always)'} #${info.index + 1} (guarded)`);
    }
  }
  return missing;
}
