import type { ButtonData } from './callback.js';
import { clip, escapeHtml } from './format.js';
import type { InlineButton, Screen } from './screen.js';
import { buttons, t } from './texts.js';

/**
 * The pieces every section's screens share: buttons and rows, escaped and clipped values, pagers,
 * failure and confirmation screens, the lines above a question asked again. A section's screens
 * (machines/ui/<section>-screens.ts) build on these and add only their own wording.
 */

export const button = (label: string, data: ButtonData): InlineButton => ({ label, data });
/** User data, escaped and clipped, so that no screen passes Telegram's 4096 characters whatever the backend holds. */
export const html = (value: string | null | undefined, max = 200) => escapeHtml(clip(value, max));
/** `<b>Label:</b> value` (value already escaped) */
export const line = (label: string, value: string) => `<b>${label}:</b> ${value}`;
/** What just happened, once, above the screen. */
export const withNotice = (notice: string | null | undefined, text: string) => (notice ? `${notice}\n\n${text}` : text);

export const homeRow: InlineButton[] = [{ label: buttons.home, data: { section: 'nav', action: 'home' } }];
export const backRow = (data: ButtonData): InlineButton[] => [button(buttons.back, data)];
export const cancelRow = (data: ButtonData): InlineButton[] => [button(buttons.cancel, data)];

/** Buttons two a row (fields, choices), so that long keyboards stay readable on a phone. */
export function inRows(items: InlineButton[], perRow = 2): InlineButton[][] {
  const rows: InlineButton[][] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow));
  return rows;
}

/** `Sahifa 2 / 3` */
export const pageLine = (page: number, pages: number) => t.kit.page(page, pages);

/** ⬅️ / ➡️ for the pages around `page`; no row on a single page. */
export function pagerRow(page: number, pages: number, to: (page: number) => ButtonData): InlineButton[][] {
  const row: InlineButton[] = [];
  if (page > 1) row.push(button(buttons.previous, to(page - 1)));
  if (page < pages) row.push(button(buttons.next, to(page + 1)));
  return row.length > 0 ? [row] : [];
}

/**
 * The head of a list: the title with the real total, the search (if any), the page or what to do
 * when it is empty, and the search hint (if the list has a search).
 */
export function listHead(view: { title: string; count: number; page: number; pages: number; search: string | null; empty: string; nothingFound?: (search: string) => string; searchHint?: string }): string {
  const search = view.search ? html(view.search, 60) : null;
  const lines = [view.title];
  if (search) lines.push(t.kit.searching(search));
  if (view.count === 0) lines.push('', search && view.nothingFound ? view.nothingFound(search) : view.empty);
  else lines.push(pageLine(view.page, view.pages));
  if (view.searchHint) lines.push('', view.searchHint);
  return lines.join('\n');
}

/** A call failed: its reason, a retry that repeats the same navigation, a way back and home. */
export function failureScreen(message: string, view: { retry: ButtonData | null; back: ButtonData; backLabel?: string }): Screen {
  const rows: InlineButton[][] = [];
  if (view.retry) rows.push([button(t.kit.retry, view.retry)]);
  rows.push([button(view.backLabel ?? t.kit.toList, view.back)], homeRow);
  return { text: t.error(escapeHtml(message)), buttons: rows };
}

/** A question whose confirm button works once (the flow's state honours it), and a way back. */
export function confirmScreen(text: string, view: { yes: string; confirm: ButtonData; keep: ButtonData; keepLabel?: string }): Screen {
  return { text, buttons: [[button(view.yes, view.confirm)], [button(view.keepLabel ?? t.kit.keep, view.keep)]] };
}

/** Why a question is asked again: the backend's refusal of the field (plain text), or our own check's reason (HTML). */
export function problems(fieldLabel: string, view: { reason?: string | null; refusal?: string | null }): string[] {
  const lines: string[] = [];
  if (view.refusal) lines.push(t.kit.refused(fieldLabel, html(view.refusal, 300)), '');
  if (view.reason) lines.push(t.error(view.reason), '');
  return lines;
}

/** The header of a wizard's question: the step while answering in order, or which field is being changed. */
export const questionHeader = (title: (step: number, total: number) => string, fieldLabel: string, step: number | null, total: number) =>
  step === null ? t.kit.fixing(fieldLabel) : title(step, total);

/**
 * A wizard's summary: every field's label and answer (`shown`, HTML), a button to change each
 * (the section's `fix` button carrying the field), save and cancel; `failure` is the backend's
 * reason when the last save failed as a whole (the draft is kept).
 */
export function summaryScreen<F extends string>(view: {
  title: string;
  fields: readonly F[];
  label: (field: F) => string;
  shown: (field: F) => string;
  press: { fix: (field: F) => ButtonData; save: () => ButtonData };
  cancel: ButtonData;
  failure?: string | null;
}): Screen {
  const lines = [view.title, '', ...view.fields.map((field) => line(view.label(field), view.shown(field)))];
  const rows = inRows(view.fields.map((field) => button(`✏️ ${view.label(field)}`, view.press.fix(field))));
  rows.push([button(t.kit.save, view.press.save())], cancelRow(view.cancel));
  return { text: withNotice(view.failure ? t.kit.notSaved(html(view.failure, 300)) : null, lines.join('\n')), buttons: rows };
}

/** At most this many people in one numbered list (a class is far smaller; the text stays within 4096). */
export const PEOPLE_SHOWN = 60;

/** `1. Name · phone` lines, numbered, at most PEOPLE_SHOWN of them and how many more. */
export function peopleLines(people: readonly { fullName: string; phone?: string | null }[]): string[] {
  const lines = people.slice(0, PEOPLE_SHOWN).map((person, i) => `${i + 1}. ${html(person.fullName, 60)}${person.phone ? ` · ${html(person.phone, 20)}` : ''}`);
  if (people.length > PEOPLE_SHOWN) lines.push(`… +${people.length - PEOPLE_SHOWN}`);
  return lines;
}

/** A link the backend holds, if it is a web address Telegram takes for a URL button. */
export const webUrl = (url: string | null | undefined): url is string => !!url && /^https?:\/\/\S+$/.test(url) && url.length <= 1000;

/** A person's button in a list: `Name · phone`, marked when blocked; never blank (Telegram refuses an empty button). */
export function personLabel(person: { id: number; fullName: string; phone: string | null; isActive?: boolean }, blockedMark: string): string {
  const name = clip(person.fullName.trim(), 40) || `#${person.id}`;
  const phone = person.phone ? ` · ${clip(person.phone, 20)}` : '';
  return `${person.isActive === false ? `${blockedMark} ` : ''}${name}${phone}`;
}
