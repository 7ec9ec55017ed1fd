import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles } from '../../machines/permissions.js';
import { menuItemsFor } from '../../machines/sections.js';
import { menu, t } from '../../machines/ui/texts.js';
import { Harness } from '../harness/driver.js';

/**
 * No dead buttons: every role presses every button of its main menu, whatever the menu holds, and
 * each opens a working screen (not "coming soon", not a refusal, not a failure).
 */
describe('every main-menu button', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it.each(roles)('opens a real screen for %s', async (role) => {
    const me = h.chat();
    await me.login(role);
    const keyboard = me.keyboard();
    expect(keyboard).toEqual(menuItemsFor(role).map((item) => menu[item]));
    for (const label of keyboard.filter((label) => label !== menu.logout)) {
      const before = me.botTexts().length;
      await me.send(label);
      const screen = me.screen();
      expect(me.botTexts().length, `${label}: no answer`).toBeGreaterThan(before);
      expect(screen, label).not.toContain("tez orada");
      expect(screen, label).not.toContain(t.forbidden);
      expect(screen, label).not.toMatch(/^❌/);
      expect(screen.length, label).toBeGreaterThan(label.length + 10);
    }
    await me.send(menu.logout);
    expect(me.screen()).toContain('Tizimdan chiqdingiz');
  });
});
