import { asFailure } from '../backend.js';
import type { FlowEvent } from '../events.js';
import type { Screen } from '../ui/screen.js';
import { t } from '../ui/texts.js';
import type { Checked } from '../validation.js';
import { buttonValue, isPress, pressed } from './buttons.js';
import { expectButtons, expectText, hint, set, show } from './patterns.js';

/** What the kit's field-picking edit keeps in a flow's context, for fields F and changes P. */
export interface EditContext<F extends string, P> {
  /** the field being changed */
  field: F | null;
  /** the one change being saved */
  patch: P | null;
  /** why the last save failed, or was not sent, when no single field was to blame */
  failure: string | null;
}

type Args<C> = { context: C; event: FlowEvent };
type Transition = Record<string, unknown>;

/**
 * Editing a record one field at a time: `choosingField` shows the fields as buttons (`field`
 * buttons carrying the field's name); a typed field is asked in `askingValue` and checked like in
 * the create wizard; a switch (blocking) asks `confirmingActive`; every change goes to `mayEdit`,
 * a `checkingPermission` state the flow adds, in front of `saving`, which ends in `saved` with the
 * record as the backend saved it. A failed save returns to the fields with the backend's reason.
 *
 * The flow's setup names the `change` and `chooseField` actions (`...edit.actions`); its own
 * states (a picker) use `edit.change(...)` and `edit.backToFields` too.
 */
export function fieldEdit<F extends string, P, C extends EditContext<F, P>>(spec: {
  /** the fields' screen, with the last failure */
  fields: (context: C) => Screen;
  /** the question for the field's new value, with our own check's reason for refusing the last one (HTML) */
  value: (context: C, reason: string | null) => Screen;
  /** the check of a typed value of the field being changed; null for a field not typed */
  check: (context: C, text: string) => Checked<unknown> | null;
  /** what choosing a field also clears (a refusal kept from the last save) */
  forget?: Partial<C>;
}) {
  const checked = ({ context, event }: Args<C>) => (event.type === 'TEXT' && context.field !== null ? spec.check(context, event.text) : null);

  /** The change to save, as `patch`. */
  const change = (patch: (args: Args<C>) => P) => ({ type: 'change' as const, params: patch });

  const backToFields = { description: 'back to the fields', guard: pressed<C>('fields'), target: 'choosingField' };

  /** Back to the fields with the backend's reason, nothing sent again. */
  const notSaved = {
    description: 'not saved: the fields again, with the reason',
    target: 'choosingField',
    actions: set(({ event }: { event: { error: unknown } }) => ({ failure: asFailure(event.error).message, patch: null })),
  };

  return {
    change,
    backToFields,
    notSaved,

    /** The setup's actions the states name. */
    actions: {
      change: set((_: unknown, patch: P) => ({ patch })),
      chooseField: set((_: unknown, field: F) => ({ field, ...spec.forget })),
    },

    /** A field button whose field `accepts` takes (for this context), leading to `target`. */
    picked(description: string, accepts: (field: string, context: C) => boolean, target: string) {
      return {
        description,
        guard: ({ context, event }: Args<C>) => isPress(event, 'field') && accepts(buttonValue(event) ?? '', context),
        target,
        actions: { type: 'chooseField' as const, params: ({ event }: Args<C>) => buttonValue(event) as F },
      };
    },

    /** The fields as buttons; `picks` are the field buttons honoured here (`picked(...)`). */
    choosingField(description: string, picks: Transition[]) {
      return {
        description,
        entry: [show(({ context }: { context: C }) => spec.fields(context)), set({ failure: null })],
        on: { BUTTON: picks, ...expectButtons },
      };
    },

    /**
     * Waiting for the field's new value: a valid typed value is the change; a field answered with
     * buttons (`buttonsOnly`) hints so; anything else is refused with the reason and asked again.
     * `buttons` are this question's own buttons (a choice, an optional field emptied).
     */
    askingValue(view: { description: string; buttonsOnly?: { description: string; guard: (context: C) => boolean }; buttons?: Transition[] }) {
      const buttonsOnly = view.buttonsOnly;
      return {
        description: view.description,
        entry: show(({ context }: { context: C }) => spec.value(context, null)),
        on: {
          TEXT: [
            {
              description: 'a valid value',
              guard: (args: Args<C>) => checked(args)?.ok === true,
              target: 'mayEdit',
              actions: change((args) => {
                const result = checked(args);
                return (result?.ok ? { [args.context.field!]: result.value } : {}) as P;
              }),
            },
            ...(buttonsOnly ? [{ description: buttonsOnly.description, guard: ({ context }: Args<C>) => buttonsOnly.guard(context), actions: hint(t.buttonExpected) }] : []),
            {
              description: 'refused with the reason; the question stays',
              actions: show((args: Args<C>) => {
                const result = checked(args);
                return spec.value(args.context, result && !result.ok ? result.reason : null);
              }),
            },
          ],
          BUTTON: [...(view.buttons ?? []), backToFields],
          ...expectText,
        },
      };
    },

    /**
     * Asking to confirm a switch of the `record`'s activity (blocking); the confirmation's button,
     * carrying the record's id, sends the other value than the record's.
     */
    confirmingActive(view: { description: string; confirmed: string; screen: (context: C) => Screen; record: (context: C) => { id: number; isActive: boolean } }) {
      return {
        description: view.description,
        entry: show(({ context }: { context: C }) => view.screen(context)),
        on: {
          BUTTON: [
            {
              description: view.confirmed,
              guard: pressed<C>('active_ok', (context) => view.record(context).id),
              target: 'mayEdit',
              actions: change(({ context }) => ({ isActive: !view.record(context).isActive }) as P),
            },
            backToFields,
          ],
          ...expectButtons,
        },
      };
    },

    /**
     * Saving the change: `src` with the record's `id` and the patch; saved, the answer goes into
     * `context[record]` and the flow ends in `saved`. `refused` are the failures the flow answers
     * itself (a field's refusal asked again); any other returns to the fields with the reason.
     */
    saving<S extends string>(view: { src: S; id: (context: C) => number; record: keyof C & string; refused?: Transition[] }) {
      return {
        description: 'saving the change',
        invoke: {
          src: view.src,
          input: ({ context }: { context: C }) => ({ id: view.id(context), patch: context.patch ?? {} }) as never,
          onDone: { target: 'saved', actions: set(({ event }: { event: { output: unknown } }) => ({ [view.record]: event.output, patch: null })) },
          onError: [...(view.refused ?? []), notSaved],
        },
      };
    },
  };
}
