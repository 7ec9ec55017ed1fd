import { describe, expect, it } from 'vitest';
import { exportFileName, exportTest, labelMatches, recordedPattern, type Step } from '../../adapters/playground/recording.js';

describe('the playground recording', () => {
  it('matches dates and times as any, everything else as written', () => {
    const pattern = recordedPattern('Guruh (Revit) · 15.01.2027 · 14:00 · 3 ta joy?');
    expect(pattern.test('Guruh (Revit) · 03.02.2028 · 9:30 · 3 ta joy?')).toBe(true);
    expect(pattern.test('Guruh (Revit) · 15.01.2027 · 14:00 · 4 ta joy?')).toBe(false);
    expect(pattern.test('Guruh (Revit) · 15.01.2027 · 14:00 · 3 ta joy? ')).toBe(false);
    expect(labelMatches('➕ Yangi talaba', '➕ Yangi talaba')).toBe(true);
    expect(labelMatches('Revit · 15.01.2027', 'Revit · 16.01.2027')).toBe(true);
    expect(labelMatches('Revit', 'Revit Structure')).toBe(false);
  });

  it('writes the steps as driver calls, passwords as the simulator gives them, and older messages by number', () => {
    const steps: Step[] = [
      { action: { kind: 'text', text: '/start' }, screen: 'Email?' },
      { action: { kind: 'text', text: 'Secret#2026' }, screen: 'Xush kelibsiz' },
      { action: { kind: 'photo' }, screen: 'Matn yuboring' },
      { action: { kind: 'press', label: 'Revit · 15.01.2027', messageId: 4, newest: true }, screen: 'Boshlanish: 15.01.2027' },
      { action: { kind: 'press', label: '🔙 Orqaga', messageId: 2, newest: false }, screen: 'Parol: Zq9$x{1}abcd', alert: 'Eskirgan tugma' },
    ];
    const source = exportTest({
      steps,
      secrets: [
        { email: 'a@bimuz.local', password: 'Secret#2026' },
        { email: 'new@gmail.com', password: 'Zq9$x{1}abcd' },
      ],
      recordedAt: new Date('2026-12-02T06:40:05Z'),
      faithful: false,
    });
    expect(source).toContain("import { Harness, type Person } from '../harness/driver.js';");
    expect(source).toContain('  await me.send("/start");\n  expect(me.screen()).toBe("Email?");');
    expect(source).toContain('  await me.send(h.backend.passwordOf("a@bimuz.local"));');
    expect(source).not.toContain('Secret#2026');
    expect(source).toContain('  await me.sendPhoto();');
    expect(source).toContain('  await me.press(recorded("Revit · 15.01.2027"));\n  expect(me.screen()).toMatch(recorded("Boshlanish: 15.01.2027"));');
    expect(source).toContain('  await me.pressOn(shown(me, 2), "🔙 Orqaga");');
    expect(source).toContain('  expect(me.screen()).toBe("Parol: " + h.backend.passwordOf("new@gmail.com"));');
    expect(source).toContain('  expect(me.alerts().at(-1)).toBe("Eskirgan tugma");');
    expect(source).toContain("Another chat changed the backend's data");
    expect(exportFileName(new Date('2026-12-02T06:40:05Z'))).toBe('playground-20261202-064005.test.ts');
  });

  it('leaves out the helpers a conversation does not need', () => {
    const source = exportTest({ steps: [{ action: { kind: 'text', text: '/help' }, screen: 'Yordam' }], secrets: [], recordedAt: new Date(), faithful: true });
    expect(source).toContain("import { Harness } from '../harness/driver.js';");
    expect(source).not.toContain('function recorded');
    expect(source).not.toContain('function shown');
    expect(source).not.toContain('Another chat');
  });
});
