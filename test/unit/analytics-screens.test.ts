import { describe, expect, it } from 'vitest';
import { weekStart } from '../../api/analytics.js';
import { summaryText } from '../../machines/ui/analytics-screens.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { anAnalyticsView } from './analytics-fixtures.js';

const plain = (html: string) => parseTelegramHtml(html).text;

describe('the analytics summary', () => {
  it('shows one line a figure', () => {
    expect(plain(summaryText(anAnalyticsView()))).toBe(
      [
        '📊 Analitika (02.12.2026 holatiga)',
        '',
        '👥 Talabalar: 27 ta',
        "📚 Guruhlar: jami 24, davom etmoqda 3, rejalashtirilgan 19, tugagan 1, sanasi yo'q 1",
        "💺 O'rinlar (davom etayotgan va rejalashtirilgan guruhlarda): 6 / 300 band (2%)",
        "💳 Hisob-fakturalar: jami 5, 🆕 Yaratilgan 2, ⏳ Kutilmoqda 1, ✅ To'langan 1, ❌ Bekor qilingan 1",
        "💵 Shu oy tushumi: Dekabr 2026: 1 600 000 so'm (mentori bor guruhlar; server mentorsiz guruhlarni hisoblamaydi)",
        '📋 Shu hafta davomat: 30.11.2026 dan beri 3 ta yozuv',
      ].join('\n'),
    );
  });

  it('says which figure could not be read, how far a bounded read went, and leaves out what the role may not see', () => {
    const text = plain(
      summaryText(
        anAnalyticsView({
          students: { ok: false, reason: 'Serverda <xato>' },
          groups: { ok: true, value: { total: 230, read: 200, running: 10, planned: 150, finished: 40, undated: 0, seats: 0, taken: 0 } },
          income: null,
          attendance: { ok: true, value: { since: '2026-11-30', count: 100, complete: false } },
        }),
      ),
    );
    expect(text).toContain("👥 Talabalar: ⚠️ o'qib bo'lmadi (Serverda <xato>)");
    expect(text).toContain("jami 230, davom etmoqda 10, rejalashtirilgan 150, tugagan 40 (bosqichlar eng yangi 200 ta guruh bo'yicha)");
    expect(text).toContain("o'rin yo'q");
    expect(text).not.toContain('tushumi');
    expect(text).toContain("kamida 100 ta yozuv (ro'yxat oxirigacha o'qilmadi)");
    expect(plain(summaryText(anAnalyticsView({ groups: { ok: false, reason: 'x' } })))).not.toContain("O'rinlar");
  });

  it('counts the week from its Monday', () => {
    expect(weekStart('2026-12-02')).toBe('2026-11-30');
    expect(weekStart('2026-11-30')).toBe('2026-11-30');
    expect(weekStart('2026-12-06')).toBe('2026-11-30');
    expect(weekStart('2027-01-01')).toBe('2026-12-28');
  });
});
