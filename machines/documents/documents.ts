import { setup } from 'xstate';
import { asFailure, backendCall } from '../backend.js';
import { effects } from '../effects.js';
import type { FlowEvent } from '../events.js';
import type { FlowInput } from '../flow.js';
import { firstPage, pagedList } from '../kit/list.js';
import { recordNavigation, sectionNavigation, type RecordsContext } from '../kit/navigation.js';
import { show } from '../kit/patterns.js';
import { loadingRecord } from '../kit/record.js';
import type { StudentPage, StudentView } from '../students/model.js';
import { documentScreens } from '../ui/documents-screens.js';
import { t } from '../ui/texts.js';
import { documentButtons, press, type NavigationAction } from './buttons.js';

interface DocumentsContext extends RecordsContext<NavigationAction> {
  studentId: number | null;
  student: StudentView | null;
}

const records = recordNavigation<NavigationAction, DocumentsContext>({
  buttons: documentButtons,
  id: 'studentId',
  own: {
    // a student's button carries the list's page, for the way back
    open: {
      follow: (button) => ({ studentId: button.id ?? null, page: Math.max(1, Number(button.value ?? 1) || 1) }),
      press: (context) => press.open(context.studentId ?? 0, context.page),
    },
  },
});

const navigation = sectionNavigation<NavigationAction, DocumentsContext>({
  buttons: documentButtons,
  permissions: { list: null, open: null },
  follow: records.follow,
});

const failureScreen = (error: unknown, context: DocumentsContext) =>
  documentScreens.failure(asFailure(error).message, records.retryAfter(error, context), context.page, context.search);

/**
 * The documents section: the students (the backend's pages and search, as in the students
 * section), and a student's documents: whether the contract is signed, and the contract and
 * certificate the backend holds as link buttons, or a line saying there are none.
 */
export const documentsMachine = setup({
  types: { context: {} as DocumentsContext, events: {} as FlowEvent, input: {} as FlowInput },
  actions: { ...effects },
  actors: {
    listStudents: backendCall('listStudents'),
    getStudent: backendCall('getStudent'),
  },
}).createMachine({
  id: 'documents',
  description:
    "The documents section: the students with the backend's search, and a student's documents: whether the contract is signed, and the contract and certificate as link buttons.",
  ...navigation.root((employee) => ({ employee, ...firstPage, studentId: null, student: null })),
  states: {
    routing: navigation.routing([
      { description: 'a list page', intents: ['list'], target: 'list' },
      { description: "a student's documents", intents: ['open'], target: 'loadingStudent' },
    ]),
    list: pagedList({
      src: 'listStudents',
      description: 'the students, a page at a time; a typed text searches',
      screen: (page: StudentPage, context: DocumentsContext) => documentScreens.list(page, { search: context.search, notice: context.notice }),
      failure: failureScreen,
      failed: '#documents.idle',
      searchHint: t.documents.list.searchHint,
    }),
    loadingStudent: loadingRecord({
      src: 'getStudent',
      description: 'reading the student afresh',
      id: (context: DocumentsContext) => context.studentId ?? 0,
      into: 'student',
      target: 'detail',
      failure: failureScreen,
      failed: 'idle',
    }),
    detail: {
      description: "the student's documents",
      entry: show(({ context }: { context: DocumentsContext }) => documentScreens.detail(context.student!, { page: context.page, search: context.search })),
    },
    idle: { description: 'a failure is shown; its buttons lead on' },
  },
});
