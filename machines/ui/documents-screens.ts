import { press } from '../documents/buttons.js';
import type { StudentPage, StudentView } from '../students/model.js';
import type { ButtonData } from './callback.js';
import { backRow, button, failureScreen, homeRow, html, line, listHead, pagerRow, personLabel, webUrl, withNotice } from './kit-screens.js';
import type { InlineButton, Screen } from './screen.js';
import { t } from './texts.js';

/** The documents section's screens: the students to choose from, and one student's documents as link buttons. */

const d = t.documents;

export const documentScreens = {
  list(page: StudentPage, view: { search: string | null; notice?: string | null }): Screen {
    const head = listHead({
      title: d.list.title(page.count),
      count: page.count,
      page: page.page,
      pages: page.pages,
      search: view.search,
      empty: d.list.empty,
      nothingFound: d.list.nothingFound,
      searchHint: d.list.searchHint,
    });
    const rows: InlineButton[][] = page.students.map((student) => [button(personLabel(student, t.students.list.blocked), press.open(student.id, page.page))]);
    rows.push(...pagerRow(page.page, page.pages, (to) => press.list(to, view.search)));
    if (view.search) rows.push([button(t.kit.clearSearch, press.list(1, null))]);
    rows.push(homeRow);
    return { text: withNotice(view.notice, head), buttons: rows };
  },

  /** Whether the contract is signed, and the files the backend holds as URL buttons (or a line saying there are none). */
  detail(student: StudentView, view: { page: number; search: string | null }): Screen {
    const lines = [
      d.detail.title,
      '',
      line(d.detail.student, html(student.fullName, 120)),
      line(d.detail.group, student.groupName ? html(student.groupName, 120) : d.detail.noGroup),
      line(d.detail.contract, student.contractSigned ? d.detail.signed : d.detail.notSigned),
    ];
    const rows: InlineButton[][] = [];
    if (webUrl(student.contractUrl)) rows.push([{ label: d.detail.openContract, url: student.contractUrl }]);
    if (webUrl(student.certificateUrl)) rows.push([{ label: d.detail.openCertificate, url: student.certificateUrl }]);
    if (rows.length === 0) lines.push('', d.detail.none);
    rows.push(backRow(press.list(view.page, view.search)), homeRow);
    return { text: lines.join('\n'), buttons: rows };
  },

  failure(message: string, retry: ButtonData | null, page: number, search: string | null): Screen {
    return failureScreen(message, { retry, back: press.list(page, search) });
  },
};
