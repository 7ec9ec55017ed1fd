import type { Employee } from '../../api/types.js';
import { asFailure, type Failure } from '../backend.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { can, roles, type Permission } from '../permissions.js';
import type { ButtonData } from '../ui/callback.js';
import { t } from '../ui/texts.js';
import { normaliseSearch } from '../validation.js';
import type { SectionButtons } from './buttons.js';
import { alert, expectButtons, followRole, set } from './patterns.js';

/** What a navigation button asked for; 'forbidden' and 'stale' when the flow was entered with one it cannot follow. */
export type Intent<A extends string> = A | 'forbidden' | 'stale';

/** What the kit needs in a section root's context. */
export interface NavigationContext<A extends string> {
  employee: Employee;
  intent: Intent<A>;
  /** one line for the next screen (what just happened), shown once */
  notice: string | null;
}

/**
 * The router of a section's root machine. Navigation buttons (list pages, a record, the actions
 * of a detail) are handled at the root, in every state and after a restart: the root's `on.BUTTON`
 * is `navigation.buttons`, which records where the button points and goes to the `routing` state
 * (`navigation.routing(...)`), whose routes lead on by intent. When the section is opened by one
 * of its buttons from outside (an old message), `navigation.entry` starts the flow where the
 * button points. The role is checked before any navigation to an action is followed.
 */
export function sectionNavigation<A extends string, C extends NavigationContext<A>>(spec: {
  buttons: SectionButtons<A>;
  /** the permission each navigation action needs (null: everyone who may open the section) */
  permissions: Record<A, Permission | null>;
  /** the permission that opens the section, as the section declares it (null or left out: every role) */
  opens?: Permission | null;
  /**
   * what a navigation button sets in the context besides the intent (the page, the record's id…);
   * null when the button's data is not what the section writes (an old format, forged): it is out of date
   */
  follow: (button: ButtonData & { action: A }) => Partial<C> | null;
}) {
  const { buttons } = spec;
  // where every navigation is open to whoever may open the section, no button is refused for the
  // role, and the refusal's branches are left out
  const openers = roles.filter((role) => spec.opens == null || can(role, spec.opens));
  const restricted = Object.values<Permission | null>(spec.permissions).some((permission) => permission !== null && openers.some((role) => !can(role, permission)));
  const mayFollow = (role: string, button: ButtonData): boolean => {
    const permission = spec.permissions[button.action as A];
    return permission === null || can(role, permission);
  };
  const follow = (button: ButtonData): Partial<C> => {
    const moved = spec.follow(button as ButtonData & { action: A });
    return (moved === null ? { intent: 'stale' } : { ...moved, intent: button.action as A }) as Partial<C>;
  };

  /** The root's `on.BUTTON`: navigation is followed (role permitting); any other button is out of date here. */
  const onButton = [
    {
      description: 'a navigation button, from this screen or an older one',
      guard: ({ context, event }: { context: C; event: FlowEvent }) => buttons.isNavigation(event) && mayFollow(context.employee.role, event.button),
      target: '.routing',
      actions: set(({ event }: { event: FlowEvent }) => (event.type === 'BUTTON' ? follow(event.button) : {})),
    },
    ...(restricted
      ? [{ description: 'a navigation button the role may not follow', guard: ({ event }: { event: FlowEvent }) => buttons.isNavigation(event), actions: alert(t.forbidden) }]
      : []),
    { description: 'a confirmation or picker button this state is not waiting for', actions: alert(t.staleButton) },
  ];

  /** The root's `on` as most sections have it: its buttons, a hint for text or photos, the role followed when it changes. */
  const on = { BUTTON: onButton, ...expectButtons, ...followRole };

  /** The context a flow starts with: `base`, moved to where the entry button points. */
  const entry = (input: FlowInput, base: C): C => {
    const button = input.entry;
    if (!button) return base;
    if (!buttons.isNavigation({ type: 'BUTTON', button })) return { ...base, intent: 'stale' };
    if (!mayFollow(input.employee.role, button)) return { ...base, intent: 'forbidden' };
    return { ...base, ...follow(button) };
  };

  return {
    mayFollow,
    follow,
    buttons: onButton,
    on,
    entry,

    /**
     * The start of a section's root as most sections have it: the context `base` gives for the
     * person (moved to where an entry button points), the `routing` state first, and `on` above.
     */
    root(base: (employee: Employee) => C) {
      return {
        context: ({ input }: { input: FlowInput }) => entry(input, base(input.employee)),
        initial: 'routing' as const,
        on,
      };
    },

    intentIs:
      (...intents: Intent<A>[]) =>
      ({ context }: { context: C }) =>
        intents.includes(context.intent),

    /**
     * The passing state every navigation goes through: one route per intent, in order; entered
     * with a button the role may not follow or that no longer applies, it alerts and rests in `idle`.
     */
    routing(routes: { description: string; intents: A[]; target: string }[], idle = 'idle') {
      return {
        description: 'following a navigation button',
        always: [
          ...routes.map((route) => ({
            description: route.description,
            guard: ({ context }: { context: C }) => (route.intents as Intent<A>[]).includes(context.intent),
            target: route.target,
          })),
          ...(restricted
            ? [
                {
                  description: 'entered with a button the role may not follow',
                  guard: ({ context }: { context: C }) => context.intent === 'forbidden',
                  target: idle,
                  actions: alert(t.forbidden),
                },
              ]
            : []),
          { description: 'entered with a button that no longer applies', target: idle, actions: alert(t.staleButton) },
        ],
      };
    },
  };
}

/** What the kit's record navigation needs in a section root's context besides the router's. */
export interface RecordsContext<A extends string> extends NavigationContext<A> {
  /** the list page and search the person is in */
  page: number;
  search: string | null;
}

/** An action whose button carries something else than a record's id: how to follow it, and its button again. */
export interface OwnRoute<C> {
  follow: (button: ButtonData) => Partial<C> | null;
  press: (context: C) => ButtonData;
}

/**
 * The navigation of a section made of a paged list and its records. Its buttons are `list` (the
 * page as the id, the search as the value), `new` (nothing) and, for every other action, the id
 * of the record it is about, kept in `context[id]`. Gives `follow` for `sectionNavigation`, and
 * `retryOf`: the button that repeats the navigation that failed, so that a failure's "retry"
 * works like any other navigation (null when the flow was entered with a button it refused).
 * An action whose button carries something else (a lesson and its group, a list's filter)
 * describes itself in `own`. `retryAfter` is the retry a failure's screen offers: none when
 * repeating cannot help (the record is gone, or a failure of a kind in `final`).
 */
export function recordNavigation<A extends string, C extends RecordsContext<A>>(spec: {
  buttons: SectionButtons<A>;
  /** the context's field holding the record's id (`studentId`) */
  id: keyof C & string;
  /** false: the list has no search, and a list button's value is not read */
  search?: boolean;
  /** what following a record's button also sets (flags about the record shown before) */
  opened?: Partial<C>;
  own?: { [K in A]?: OwnRoute<C> };
  /** the failures a retry cannot help; by default a record not found */
  final?: readonly Failure['kind'][];
}) {
  const { buttons, id } = spec;
  const search = spec.search ?? true;
  const own = (spec.own ?? {}) as Partial<Record<string, OwnRoute<C>>>;

  const follow = (button: ButtonData & { action: A }): Partial<C> | null => {
    const route = own[button.action];
    if (route) return route.follow(button);
    if (button.action === 'list') {
      const page = Math.max(1, button.id ?? 1);
      return (search ? { page, search: button.value ? normaliseSearch(button.value) || null : null } : { page }) as Partial<C>;
    }
    if (button.action === 'new') return {};
    return { [id]: button.id ?? null, ...spec.opened } as Partial<C>;
  };

  const retryOf = (context: C): ButtonData | null => {
    const intent = context.intent;
    if (intent === 'forbidden' || intent === 'stale') return null;
    const route = own[intent];
    if (route) return route.press(context);
    if (intent === 'list') return buttons.to('list', context.page, context.search ?? undefined);
    if (intent === 'new') return buttons.to('new');
    return buttons.to(intent, (context[id] as number | null) ?? 0);
  };

  const final = spec.final ?? ['notFound'];
  const retryAfter = (error: unknown, context: C): ButtonData | null => (final.includes(asFailure(error).kind) ? null : retryOf(context));

  return { follow, retryOf, retryAfter };
}
