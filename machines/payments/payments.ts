import { setup } from 'xstate';
import type { Employee } from '../../api/types.js';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { pressed } from '../kit/buttons.js';
import { firstPage, pagedList } from '../kit/list.js';
import { recordNavigation, sectionNavigation, type RecordsContext } from '../kit/navigation.js';
import { checkingPermission, expectButtons, followRole, set, show } from '../kit/patterns.js';
import { confirmOnce, loadingRecord } from '../kit/record.js';
import type { ButtonData } from '../ui/callback.js';
import { escapeHtml } from '../ui/format.js';
import { paymentScreens, statusLabel } from '../ui/payments-screens.js';
import { t } from '../ui/texts.js';
import { decodeQuery, paymentButtons, press, type NavigationAction } from './buttons.js';
import {
  invoiceSearch,
  isOpen,
  isPaymentMethod,
  progressOf,
  visibleInOwnList,
  type InvoiceFacts,
  type InvoicePage,
  type InvoiceStatus,
  type ListQuery,
  type PaymentCheck,
  type PaymentLink,
  type PaymentMethod,
} from './model.js';

/** The list the person is in (a detail's way back returns to it): page, search, status, scope. */
interface PaymentsContext extends RecordsContext<NavigationAction> {
  status: InvoiceStatus | null;
  /** one student's or one group's invoices; null: all of them. A search is over all invoices. */
  scope: { kind: 'student' | 'group'; id: number } | null;
  invoiceId: number | null;
  /** the invoice the screen is about, with its relatives and the group's price, as last read */
  facts: InvoiceFacts | null;
  /** how the invoice was paid, as the confirmation's button said */
  method: PaymentMethod | null;
  /** the link just created, shown once under the refreshed detail */
  link: PaymentLink | null;
  /** the link was asked for in this detail and failed: not offered again until the invoice is opened afresh */
  linkFailed: boolean;
  /** the detail answers a check of the payment: a new message, so that every check gets its own answer */
  checked: boolean;
}

/** The list a context is in: a search is always over all invoices, whatever list it was typed in. */
export function queryOf(context: Pick<PaymentsContext, 'page' | 'search' | 'status' | 'scope'>): ListQuery {
  const scope = context.search !== null || context.scope === null ? { kind: 'all' as const, search: context.search } : context.scope;
  return { scope, status: context.status, page: context.page };
}

/** What the list call is asked: the search as the backend understands it (a speciality's slug, a bare invoice number). */
function listCall(context: PaymentsContext): ListQuery {
  const query = queryOf(context);
  return query.scope.kind === 'all' && query.scope.search !== null ? { ...query, scope: { kind: 'all', search: invoiceSearch(query.scope.search) } } : query;
}

/** A list's button carries its query (page, scope, status, search); null for data this section did not write. */
function followList(button: ButtonData): Partial<PaymentsContext> | null {
  const query = decodeQuery(button);
  if (!query) return null;
  const { scope } = query;
  return {
    page: query.page,
    status: query.status,
    search: scope.kind === 'all' ? scope.search : null,
    scope: scope.kind === 'all' ? null : scope,
  };
}

const records = recordNavigation<NavigationAction, PaymentsContext>({
  buttons: paymentButtons,
  id: 'invoiceId',
  // a fresh invoice: its link may be asked for again, and it answers no check yet
  opened: { linkFailed: false, checked: false },
  own: {
    list: { follow: followList, press: (context) => press.list(queryOf(context)) },
    filter: { follow: followList, press: (context) => press.filter(queryOf(context)) },
  },
});

const navigation = sectionNavigation<NavigationAction, PaymentsContext>({
  buttons: paymentButtons,
  permissions: { list: null, filter: null, open: null, check: null, pay: 'payments.markPaid' },
  follow: records.follow,
});

const intentIs = navigation.intentIs;

/**
 * Whose invoice list the backend filters: a mentor's holds only their groups' invoices, while the
 * invoice detail is not filtered for anyone (capture 175). The bot shows a mentor only what their
 * own list holds.
 */
const ownListOnly = (employee: Employee) => employee.role === 'mentor';

const failure = (error: unknown, context: PaymentsContext) => paymentScreens.failure(asFailure(error).message, records.retryAfter(error, context), queryOf(context));

const detailScreen = (context: PaymentsContext) => ({
  ...paymentScreens.detail(context.facts!.invoice, {
    role: context.employee.role,
    query: queryOf(context),
    progress: progressOf(context.facts!),
    linkFailed: context.linkFailed,
    notice: context.notice,
  }),
  fresh: context.checked,
});

const invoiceOf = (context: PaymentsContext) => context.facts!.invoice;

/** A mentor's own list does not hold the invoice, or could not be read to tell. */
const notTheirs = (context: PaymentsContext) =>
  context.facts!.related === null
    ? paymentScreens.failure(t.payments.notVerified, press.open(context.invoiceId ?? 0), queryOf(context))
    : paymentScreens.notYours(queryOf(context));

/** Why an invoice cannot be marked paid: it is no longer open. */
const notMarkable = (context: PaymentsContext) => (invoiceOf(context).status === 'paid' ? t.payments.markPaid.alreadyPaid : t.payments.markPaid.cancelled);

function checked(result: PaymentCheck): string {
  if (result.outcome === 'checked') return t.payments.check.checked(statusLabel(result.status));
  return result.outcome === 'noLink' ? t.payments.check.noLink : t.payments.check.unavailable;
}

const currentInvoice = (context: PaymentsContext) => context.invoiceId;

/**
 * The payments section: the invoices, a page at a time with the backend's search and status
 * filter together (a mentor's list holds only their groups' invoices), one student's or group's
 * invoices, an invoice's detail with the student's payment progress in its group, a Multicard
 * payment link, checking a payment, and marking an invoice paid after a confirmation. Navigation
 * buttons work from every state and after a restart; an invoice is read afresh before it is shown
 * or acted on, and a mentor is refused one their own list does not hold.
 */
export const paymentsMachine = setup({
  types: {
    context: {} as PaymentsContext,
    events: {} as FlowEvent,
    input: {} as FlowInput,
  },
  actions: {
    ...effects,
  },
  actors: {
    listInvoices: backendCall('listInvoices'),
    getInvoiceFacts: backendCall('getInvoiceFacts'),
    createPaymentLink: backendCall('createPaymentLink'),
    checkPayment: backendCall('checkPayment'),
    markInvoicePaid: backendCall('markInvoicePaid'),
  },
}).createMachine({
  id: 'payments',
  description:
    "The payments section: the invoices with the backend's search and status filter together (a mentor sees only their groups' invoices), " +
    "a student's or a group's invoices, an invoice's detail with the payment progress, a payment link, checking a payment and marking an invoice paid. " +
    'Navigation buttons work from every state and after a restart.',
  context: ({ input }: { input: FlowInput }) =>
    navigation.entry(input, {
      employee: input.employee,
      ...firstPage,
      status: null,
      scope: null,
      invoiceId: null,
      facts: null,
      method: null,
      link: null,
      linkFailed: false,
      checked: false,
    }),
  initial: 'routing',
  on: {
    BUTTON: navigation.buttons,
    EMPLOYEE: [
      {
        description: "became a mentor while an invoice was shown: it is read again, and refused if it is another mentor's",
        guard: ({ context, event }) => event.type === 'EMPLOYEE' && context.facts !== null && ownListOnly(event.employee) && !ownListOnly(context.employee),
        target: '.loadingInvoice',
        actions: [followRole.EMPLOYEE.actions, set({ intent: 'open', notice: null, checked: false })],
      },
      followRole.EMPLOYEE,
    ],
    ...expectButtons,
  },
  states: {
    routing: navigation.routing([
      { description: 'a list page', intents: ['list'], target: 'list' },
      { description: 'the status picker', intents: ['filter'], target: 'filtering' },
      { description: 'an invoice, checking its payment, or marking it paid', intents: ['open', 'check', 'pay'], target: 'loadingInvoice' },
    ]),
    list: {
      ...pagedList({
        src: 'listInvoices',
        description: 'the invoices, a page at a time, with the search and the status filter',
        screen: (page: InvoicePage, context: PaymentsContext) => paymentScreens.list(page, queryOf(context), { role: context.employee.role, notice: context.notice }),
        failure,
        failed: '#payments.idle',
        searchHint: t.payments.list.searchHint,
        input: listCall,
      }),
      // no invoice is on screen any more
      entry: set({ facts: null }),
    },
    filtering: {
      description: 'the status picker; each choice is the same list with that status',
      entry: show(({ context }: { context: PaymentsContext }) => paymentScreens.filter(queryOf(context))),
    },
    loadingInvoice: loadingRecord({
      src: 'getInvoiceFacts',
      description: 'reading the invoice afresh, with all of its student\'s invoices for that group and the group\'s price',
      id: (context: PaymentsContext) => context.invoiceId ?? 0,
      into: 'facts',
      target: 'invoiceLoaded',
      failure,
      failed: 'idle',
    }),
    invoiceLoaded: {
      description: 'who may see it, then where the button pointed',
      always: [
        {
          description: "an invoice of another mentor's group (from a list, an old button or forged data), or the mentor's own list could not be read",
          guard: ({ context }) => ownListOnly(context.employee) && !visibleInOwnList(context.facts!),
          target: 'idle',
          actions: [show(({ context }: { context: PaymentsContext }) => notTheirs(context)), set({ facts: null })],
        },
        { description: 'check the payment', guard: intentIs('check'), target: 'checking' },
        {
          description: 'mark it paid, but it is paid or cancelled already',
          guard: ({ context }) => context.intent === 'pay' && !isOpen(invoiceOf(context)),
          target: 'detail',
          actions: set(({ context }: { context: PaymentsContext }) => ({ notice: notMarkable(context), intent: 'open' })),
        },
        { description: 'mark it paid', guard: intentIs('pay'), target: 'confirmingPaid' },
        { description: 'open it', target: 'detail' },
      ],
    },
    detail: {
      description: "an invoice's detail with the payment progress and what the role may do with it",
      entry: [show(({ context }: { context: PaymentsContext }) => detailScreen(context)), set({ notice: null, checked: false })],
      on: {
        BUTTON: [
          { description: 'check the payment with Multicard', guard: pressed<PaymentsContext>('check', currentInvoice), target: 'checking' },
          // every role may ask for a link (payments.link): no role check to repeat
          { description: 'a payment link', guard: pressed<PaymentsContext>('link', currentInvoice), target: 'linking' },
        ],
      },
    },
    linking: {
      description: 'asking the backend for a Multicard link (once: never retried; a paid or cancelled invoice is refused before asking)',
      invoke: {
        src: 'createPaymentLink',
        input: ({ context }) => ({ id: context.invoiceId ?? 0 }),
        onDone: {
          description: 'the link, under the refreshed detail',
          target: 'linkShown',
          actions: set(({ context, event }: { context: PaymentsContext; event: { output: { link: PaymentLink; facts: InvoiceFacts | null } } }) => ({
            link: event.output.link,
            // the backend makes it pending; when it could not be read again, say so from the link itself
            facts: event.output.facts ?? { ...context.facts!, invoice: { ...invoiceOf(context), status: 'pending', checkoutUrl: event.output.link.checkoutUrl } },
          })),
        },
        onError: [
          {
            description: 'the backend failed (500 at the captured commit): links are unavailable now',
            guard: ({ event }) => asFailure(event.error).kind === 'server',
            target: 'detail',
            actions: set({ linkFailed: true, notice: t.payments.link.unavailable }),
          },
          {
            description: 'refused (paid or cancelled meanwhile, Multicard not configured): the reason, and the invoice read again',
            guard: ({ event }) => asFailure(event.error).kind === 'validation',
            target: 'loadingInvoice',
            actions: set(({ event }: { event: { error: unknown } }) => ({
              linkFailed: true,
              intent: 'open',
              notice: t.payments.link.refused(escapeHtml(asFailure(event.error).message)),
            })),
          },
          { target: 'idle', actions: show(({ context, event }: { context: PaymentsContext; event: { error: unknown } }) => failure(event.error, context)) },
        ],
      },
    },
    linkShown: {
      description: 'the refreshed detail and, in a new message, the link',
      entry: [
        show(({ context }: { context: PaymentsContext }) => detailScreen(context)),
        show(({ context }: { context: PaymentsContext }) => paymentScreens.linkReady(invoiceOf(context), context.link!)),
        set({ link: null, notice: null }),
      ],
      on: { BUTTON: { description: 'check the payment with Multicard', guard: pressed<PaymentsContext>('check', currentInvoice), target: 'checking' } },
    },
    checking: {
      description: 'asking the backend to check the payment with Multicard, then reading the invoice again',
      invoke: {
        src: 'checkPayment',
        input: ({ context }) => ({ id: context.invoiceId ?? 0 }),
        onDone: {
          target: 'loadingInvoice',
          actions: set(({ event }: { event: { output: PaymentCheck } }) => ({ notice: checked(event.output), intent: 'open', checked: true })),
        },
        onError: { target: 'idle', actions: show(({ context, event }: { context: PaymentsContext; event: { error: unknown } }) => failure(event.error, context)) },
      },
    },
    confirmingPaid: confirmOnce({
      description: 'asking how it was paid; the answer confirms (once)',
      screen: (context: PaymentsContext) => paymentScreens.confirmPaid(invoiceOf(context)),
      action: 'paid',
      id: currentInvoice,
      target: 'mayMarkPaid',
      choice: { accepts: isPaymentMethod, into: 'method' },
    }),
    mayMarkPaid: checkingPermission('payments.markPaid', 'markingPaid', 'detail'),
    markingPaid: {
      description: 'marking the invoice paid (once: never retried)',
      invoke: {
        src: 'markInvoicePaid',
        input: ({ context }) => ({ id: context.invoiceId ?? 0, method: context.method ?? 'cash' }),
        onDone: {
          description: 'marked: the invoice read again',
          target: 'loadingInvoice',
          actions: set(({ context }: { context: PaymentsContext }) => ({ notice: paymentScreens.markedPaid(invoiceOf(context), context.method ?? 'cash'), intent: 'open' })),
        },
        onError: [
          {
            description: 'refused (paid meanwhile, not found, not allowed): the reason, and the invoice read again',
            guard: ({ event }) => ['validation', 'forbidden'].includes(asFailure(event.error).kind),
            target: 'loadingInvoice',
            actions: set(({ event }: { event: { error: unknown } }) => ({ notice: t.payments.markPaid.refused(escapeHtml(asFailure(event.error).message)), intent: 'open' })),
          },
          { target: 'idle', actions: show(({ context, event }: { context: PaymentsContext; event: { error: unknown } }) => failure(event.error, context)) },
        ],
      },
    },
    idle: {
      description: 'a result or a failure is shown; its buttons lead on',
    },
  },
});
