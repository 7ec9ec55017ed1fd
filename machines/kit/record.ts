import { asFailure } from '../backend.js';
import type { FlowEvent } from '../events.js';
import { html } from '../ui/kit-screens.js';
import type { Screen } from '../ui/screen.js';
import { t } from '../ui/texts.js';
import { buttonValue, pressed } from './buttons.js';
import type { Permission } from '../permissions.js';
import { checkingPermission, set, show } from './patterns.js';

/**
 * Reading a record afresh before showing or acting on it (the screen with the button may be a
 * week old): call `src` with `{ id }`, keep the answer in `context[into]` and go to `target`; a
 * failure shows `failure` and goes to `failed`.
 */
export function loadingRecord<C, S extends string>(spec: {
  src: S;
  description: string;
  id: (context: C) => number;
  /** what the call is given besides the id */
  input?: (context: C) => Record<string, unknown>;
  into: keyof C & string;
  target: string;
  failure: (error: unknown, context: C) => Screen;
  failed: string;
}) {
  return {
    description: spec.description,
    invoke: {
      src: spec.src,
      input: ({ context }: { context: C }) => ({ ...spec.input?.(context), id: spec.id(context) }) as never,
      onDone: { target: spec.target, actions: set(({ event }: { event: { output: unknown } }) => ({ [spec.into]: event.output })) },
      onError: {
        target: spec.failed,
        actions: [show(({ context, event }: { context: C; event: { error: unknown } }) => spec.failure(event.error, context)), set({ notice: null })],
      },
    },
  };
}

/**
 * A confirmation whose button works once: the state shows `screen`, and only its own button
 * (`action`, carrying the id of the record the state is about) leads to `target`, which should
 * be a `checkingPermission` state in front of the backend call. Once the state is left, a second
 * tap reaches the section root, which answers that the button is out of date: one decision, one
 * request. With `choice`, the confirmation offers several answers (how something was paid…): the
 * button's value must be one `accepts` takes, and it is kept in `context[into]`.
 */
export function confirmOnce<C>(spec: {
  description: string;
  screen: (context: C) => Screen;
  action: string;
  id: (context: C) => number | null;
  target: string;
  choice?: { accepts: (value: string | undefined) => boolean; into: keyof C & string };
}) {
  const isPressed = pressed<C>(spec.action, spec.id);
  const choice = spec.choice;
  const confirmed = choice
    ? {
        description: 'confirmed with one of the answers offered',
        guard: (args: { event: FlowEvent; context: C }) => isPressed(args) && choice.accepts(buttonValue(args.event)),
        target: spec.target,
        actions: set(({ event }: { event: FlowEvent }) => ({ [choice.into]: buttonValue(event) })),
      }
    : { description: 'confirmed', guard: isPressed, target: spec.target };
  return {
    description: spec.description,
    entry: show(({ context }: { context: C }) => spec.screen(context)),
    on: { BUTTON: confirmed },
  };
}

/** Where a record's state goes after a failed call: the list when the record is gone, `failed` otherwise. */
interface Afterwards<C> {
  /** the record, as a description names it: `the student` */
  what: string;
  /** the context's fields that hold the record (its id, its data), emptied once it is gone */
  forget: readonly (keyof C & string)[];
  /** where the flow goes once the record is gone: the list, with a notice */
  target: string;
  failure: (error: unknown, context: C) => Screen;
  failed: string;
}

const forgetting = (fields: readonly string[]) => Object.fromEntries(fields.map((field) => [field, null]));

/**
 * The `onError` of a call about a record: when someone else deleted it first, the list (`target`)
 * says so with the backend's reason and the record is forgotten; any other failure shows
 * `failure` and rests in `failed`.
 */
export function goneOrFailed<C>(spec: Afterwards<C>) {
  return [
    {
      description: `someone else deleted ${spec.what} first`,
      guard: ({ event }: { event: { error: unknown } }) => asFailure(event.error).kind === 'notFound',
      target: spec.target,
      actions: set(({ event }: { event: { error: unknown } }) => ({ notice: t.error(html(asFailure(event.error).message, 300)), ...forgetting(spec.forget) })),
    },
    { target: spec.failed, actions: show(({ context, event }: { context: C; event: { error: unknown } }) => spec.failure(event.error, context)) },
  ];
}

/**
 * Deleting a record, behind `confirmOnce` and a `checkingPermission` state: `src` with `{ id }`,
 * sent once. Deleted, the list (`target`) says so with `deleted(context)` and the record is
 * forgotten; the rest as `goneOrFailed`.
 */
export function removingRecord<C, S extends string>(spec: Afterwards<C> & {
  src: S;
  id: (context: C) => number;
  /** the list's notice once deleted (HTML) */
  deleted: (context: C) => string;
}) {
  return {
    description: `deleting ${spec.what}`,
    invoke: {
      src: spec.src,
      input: ({ context }: { context: C }) => ({ id: spec.id(context) }) as never,
      onDone: {
        target: spec.target,
        actions: set(({ context }: { context: C }) => ({ notice: spec.deleted(context), ...forgetting(spec.forget) })),
      },
      onError: goneOrFailed(spec),
    },
  };
}

/**
 * Deleting the record the detail shows, as three states to spread into the root's `states`:
 * `confirmingRemoval` (a confirmation whose button works once), `mayRemove` (the role checked
 * again; refused, back to `detail`) and `removing` (the DELETE, then the list with a notice).
 */
export function confirmedRemoval<C, S extends string>(spec: Afterwards<C> & {
  /** what the confirmation asks, in words (the diagrams' label) */
  description: string;
  screen: (context: C) => Screen;
  permission: Permission;
  src: S;
  id: (context: C) => number | null;
  /** the list's notice once deleted (HTML) */
  deleted: (context: C) => string;
}) {
  const { description, screen, permission, id, ...removal } = spec;
  return {
    confirmingRemoval: confirmOnce({ description, screen, action: 'delete_ok', id, target: 'mayRemove' }),
    mayRemove: checkingPermission(permission, 'removing', 'detail'),
    removing: removingRecord({ ...removal, id: (context: C) => id(context) ?? 0 }),
  };
}
