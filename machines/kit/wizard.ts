import { asFailure } from '../backend.js';
import type { FlowEvent } from '../events.js';
import type { Checked } from '../validation.js';
import type { Screen } from '../ui/screen.js';
import { pressed } from './buttons.js';
import { expectButtons, expectText, set, show } from './patterns.js';

/** What the kit's wizard keeps in a flow's context, for fields named F. */
export interface WizardContext<F extends string> {
  /** the answers so far (null: skipped) */
  draft: Partial<Record<F, unknown>>;
  /** once the summary has been shown, every answer returns to it */
  reviewing: boolean;
  /** fields to ask (again) before the summary: the one picked there, or those the backend refused */
  fixing: F[];
  /** the backend's reason per refused field, shown with that field's question */
  refusals: Partial<Record<F, string>>;
  /** why the last submit failed when no single field was to blame */
  notice: string | null;
}

export const emptyWizard = () => ({ draft: {}, reviewing: false, fixing: [], refusals: {}, notice: null });

type Args<C> = { context: C; event: FlowEvent };

/** How a question is put: the field, and why the last answer was refused by our own check (HTML). */
export interface Question<F extends string> {
  field: F;
  /** 1-based step while answering in order; null when fixing from the summary */
  step: number | null;
  reason: string | null;
  /** the backend's refusal of this field, kept from the last submit */
  refusal: string | null;
  reviewing: boolean;
}

/**
 * A wizard: one question at a time, in the order of `fields`, each answer checked; then a
 * summary where any answer can be changed; then a save, after the role is checked again. When
 * the backend refuses some fields, the draft is kept and only those fields are asked again, each
 * with the backend's reason; a refusal that names no field returns to the summary with it.
 *
 * The flow's machine lists the states: `next: wizard.next`, one state per field (`wizard.typed`
 * for a typed answer, `wizard.choice` for buttons), `summary: wizard.summary(...)`,
 * `mayCreate: checkingPermission(..., 'submitting', 'summary')` and
 * `submitting: wizard.submitting(...)`. Its setup names the `answer` and `stopFixing` actions
 * (`...wizard.actions`).
 */
export function wizard<F extends string, C extends WizardContext<F>>(spec: {
  fields: readonly F[];
  /** the state that asks each field */
  stateOf: Record<F, string>;
  /** the question's screen */
  question: (question: Question<F>, context: C) => Screen;
}) {
  const { fields } = spec;

  const nextField = (context: C): F | null => {
    if (context.fixing.length > 0) return context.fixing[0]!;
    if (context.reviewing) return null;
    return fields.find((field) => context.draft[field] === undefined) ?? null;
  };

  const ask = (field: F, reason?: (args: Args<C>) => string) =>
    show(({ context, event }: Args<C>) =>
      spec.question(
        {
          field,
          step: context.reviewing ? null : fields.indexOf(field) + 1,
          reason: reason?.({ context, event }) ?? null,
          refusal: context.refusals[field] ?? null,
          reviewing: context.reviewing,
        },
        context,
      ),
    );

  /** Records an answer; a fixed field is no longer to be fixed nor refused. */
  const answered = (field: F, value: (args: Args<C>) => unknown) => ({
    type: 'answer' as const,
    params: (args: Args<C>) => ({ field, value: value(args) }),
  });

  const backToSummary = { description: 'back to the summary', guard: pressed<C>('review'), target: 'summary', actions: 'stopFixing' as const };

  const refusedFields = (error: unknown): F[] => {
    const refused = asFailure(error).fields ?? {};
    return fields.filter((field) => refused[field] !== undefined);
  };

  return {
    nextField,
    refusedFields,
    answered,
    /** The button that returns from a question to the summary (add it to a question's own buttons). */
    backToSummary,

    /** The setup's actions the wizard's states name. */
    actions: {
      answer: set(({ context }: { context: C }, { field, value }: { field: F; value: unknown }) => {
        const { [field]: _refused, ...refusals } = context.refusals;
        return { draft: { ...context.draft, [field]: value }, fixing: context.fixing.filter((f) => f !== field), refusals } as never;
      }),
      stopFixing: set({ fixing: [] }),
    },

    /** Choosing the next question, or the summary. */
    next: {
      description: 'choosing the next question, or the summary',
      always: [
        ...fields.map((field) => ({
          description: `${field} next`,
          guard: ({ context }: { context: C }) => nextField(context) === field,
          target: spec.stateOf[field],
        })),
        { target: 'summary' },
      ],
    },

    /** A question answered by typing: checked and normalised by `check`, refused with its reason. */
    typed(field: F, check: (text: string, context: C) => Checked<unknown>) {
      const checked = ({ context, event }: Args<C>) => check(event.type === 'TEXT' ? event.text : '', context);
      return {
        description: `waiting for the ${field}`,
        entry: ask(field),
        on: {
          TEXT: [
            {
              description: 'a valid answer',
              guard: (args: Args<C>) => checked(args).ok,
              target: 'next',
              actions: answered(field, (args) => {
                const result = checked(args);
                return result.ok ? result.value : null;
              }),
            },
            {
              description: 'refused with the reason; the question stays',
              actions: ask(field, (args) => {
                const result = checked(args);
                return result.ok ? '' : result.reason;
              }),
            },
          ],
          ...expectText,
          BUTTON: backToSummary,
        },
      };
    },

    /** A question answered with buttons: `action` carrying a value `accepts` takes (for this context). */
    choice(field: F, action: string, accepts: (value: string | undefined, context: C) => boolean) {
      return {
        description: `waiting for the ${field} (buttons only)`,
        entry: ask(field),
        on: {
          BUTTON: [
            {
              description: `a ${field}`,
              guard: ({ context, event }: Args<C>) => event.type === 'BUTTON' && event.button.action === action && accepts(event.button.value, context),
              target: 'next',
              actions: answered(field, ({ event }) => (event.type === 'BUTTON' ? (event.button.value ?? null) : null)),
            },
            backToSummary,
          ],
          ...expectButtons,
        },
      };
    },

    /** Every answer shown; a `fix` button (value: the field) changes one, `save` goes to `saveTarget`. */
    summary(screen: (context: C) => Screen, saveTarget: string) {
      return {
        description: 'every answer shown; any can be changed before saving',
        entry: [set({ reviewing: true }), show(({ context }: { context: C }) => screen(context)), set({ notice: null })],
        on: {
          BUTTON: [
            {
              description: 'change a field',
              guard: ({ event }: Args<C>) =>
                event.type === 'BUTTON' && event.button.action === 'fix' && (fields as readonly string[]).includes(event.button.value ?? ''),
              target: 'next',
              actions: set(({ event }: Args<C>) => ({ fixing: event.type === 'BUTTON' ? [event.button.value as F] : [] })),
            },
            { description: 'save', guard: pressed<C>('save'), target: saveTarget },
          ],
          ...expectButtons,
        },
      };
    },

    /**
     * Sending the draft: `src` with `input(context)`; on success the `done` transition; when the
     * backend refuses fields, only those are asked again with its reasons; otherwise back to the
     * summary with the reason, the draft kept. Fields in `forget` (a password) are dropped from
     * the draft after any refusal and asked again, so that they are not kept longer than one try.
     */
    submitting<S extends string, I, D>(spec: { src: S; description: string; input: (context: C) => I; done: D; forget?: readonly F[] }) {
      const forget = spec.forget ?? [];
      const forgotten = (context: C) => {
        const draft = { ...context.draft };
        for (const field of forget) delete draft[field];
        return draft;
      };
      const keptOrForgotten =
        forget.length === 0
          ? {
              description: 'not saved, draft kept',
              target: 'summary',
              actions: set(({ event }: { event: { error: unknown } }) => ({ notice: asFailure(event.error).message })),
            }
          : {
              description: 'not saved: the draft kept, the forgotten fields asked again',
              target: 'next',
              actions: set(({ context, event }: { context: C; event: { error: unknown } }) => ({
                notice: asFailure(event.error).message,
                draft: forgotten(context),
                fixing: [...forget],
              })),
            };
      return {
        description: spec.description,
        invoke: {
          src: spec.src,
          input: ({ context }: { context: C }) => spec.input(context),
          onDone: spec.done,
          onError: [
            {
              description: 'the backend refused some answers: only those are asked again',
              guard: ({ event }: { event: { error: unknown } }) => refusedFields(event.error).length > 0,
              target: 'next',
              actions: set(({ context, event }: { context: C; event: { error: unknown } }) => {
                const reasons = asFailure(event.error).fields ?? {};
                const refused = refusedFields(event.error);
                const again = [...refused, ...forget.filter((field) => !refused.includes(field))];
                return {
                  fixing: again,
                  refusals: Object.fromEntries(refused.map((field) => [field, reasons[field]!])),
                  ...(forget.length > 0 ? { draft: forgotten(context) } : {}),
                } as never;
              }),
            },
            keptOrForgotten,
          ],
        },
      };
    },
  };
}
