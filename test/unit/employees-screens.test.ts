import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import type { EmployeePage } from '../../machines/employees/model.js';
import { roles } from '../../machines/permissions.js';
import { employeeScreens, listText } from '../../machines/ui/employees-screens.js';
import { t } from '../../machines/ui/texts.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { aPerson, anEmployee } from './employees-fixtures.js';

function sendable(html: string): string {
  const parsed = parseTelegramHtml(html);
  expect(parsed.text.length).toBeGreaterThan(0);
  expect(parsed.text.length).toBeLessThanOrEqual(4096);
  return parsed.text;
}

const labels = (screen: { buttons?: { label: string }[][] }) => (screen.buttons ?? []).flat().map((b) => b.label);

describe('employee screens', () => {
  it('never shows a password: the summary has dots', () => {
    const screen = employeeScreens.summary({ email: 'a@b.uz', firstName: 'Ali', lastName: 'Vali', role: 'sotuv_agenti', speciality: null, password: 'Sir#Parol2026' }, { cancel: { section: 'employees', action: 'list' } });
    expect(screen.text).not.toContain('Sir#Parol2026');
    expect(screen.text).toContain(t.employees.passwordShown);
    expect(sendable(screen.text)).toContain('Rol: 🤝 Sotuv agenti');
  });

  it("offers on a detail only what the hierarchy allows, and nothing against one's own account", () => {
    expect(labels(employeeScreens.detail(anEmployee(), { actor: aPerson('administrator'), page: 1, search: null }))).toEqual(
      expect.arrayContaining([t.employees.detail.edit, t.employees.detail.delete]),
    );
    const own = employeeScreens.detail(anEmployee({ id: 1, role: 'administrator' }), { actor: aPerson('administrator'), page: 1, search: null });
    expect(labels(own)).toContain(t.employees.detail.edit);
    expect(labels(own)).not.toContain(t.employees.detail.delete);
    expect(sendable(own.text)).toContain("o'zingizni o'chira olmaysiz");
    const fields = employeeScreens.editFields(anEmployee({ id: 1, role: 'administrator' }), { actor: aPerson('administrator') });
    expect(labels(fields)).not.toContain(t.employees.fields.role);
    expect(labels(fields)).not.toContain(t.employees.edit.deactivate);
  });

  test.prop([fc.array(fc.record({ name: fc.string({ maxLength: 300 }), role: fc.constantFrom(...roles, 'boss') }), { maxLength: 20 }), fc.constantFrom(...roles), fc.option(fc.string({ maxLength: 300 }))])(
    'a list page of any names fits Telegram, escaped, for every role',
    (rows, role, search) => {
      const page: EmployeePage = {
        count: rows.length,
        page: 1,
        pages: 1,
        employees: rows.map((row, i) => ({ id: i + 1, fullName: row.name, role: row.role, roleDisplay: '<b>x</b>', isActive: i % 2 === 0 })),
      };
      sendable(listText(page, { actor: aPerson(role), search }));
      const screen = employeeScreens.list(page, { actor: aPerson(role), search });
      for (const label of labels(screen)) expect(label.trim().length).toBeGreaterThan(0);
    },
  );
});
