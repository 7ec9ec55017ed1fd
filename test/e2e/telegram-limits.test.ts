import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';

/**
 * The emulator notes a call when it arrives, and on a loaded machine one request may take longer
 * to get there than the next; without the limiter the calls come milliseconds apart.
 */
const TOLERANCE_MS = 250;

describe("Telegram's limits", () => {
  describe('with the rates as configured', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await Harness.start({ config: { TELEGRAM_CHAT_RATE: 1, TELEGRAM_GLOBAL_RATE: 5 } });
    });
    afterAll(() => h.stop());

    it('sends at most one call a second in one chat', async () => {
      const me = h.chat();
      const from = h.telegram.callTimes.length;
      // three messages at once, each answered with a message
      await h.telegram.sendText(me.id, '/start');
      await h.telegram.sendText(me.id, 'not an email');
      await h.telegram.sendText(me.id, 'still not an email');
      await h.settle();
      const times = h.telegram.callTimes.slice(from).filter((call) => call.chatId === me.id).map((call) => call.at);
      expect(times.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < times.length; i += 1) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(1000 - TOLERANCE_MS);
      expect(me.botTexts().filter((text) => text.includes("email manzilga o'xshamaydi"))).toHaveLength(2);
    });

    it('sends at most the global rate for all chats together (a burst of its size, then one call per 1/rate s)', async () => {
      const people = Array.from({ length: 10 }, () => h.chat());
      const from = h.telegram.callTimes.length;
      await Promise.all(people.map((person) => h.telegram.sendText(person.id, '/start')));
      await h.settle();
      const times = h.telegram.callTimes.slice(from).filter((call) => call.method === 'sendMessage').map((call) => call.at).sort((a, b) => a - b);
      expect(times).toHaveLength(10);
      // a bucket of 5 refilled at 5 a second: the tenth call comes at least a second after the first
      expect(times[9]! - times[0]!).toBeGreaterThanOrEqual(1000 - TOLERANCE_MS);
      for (const person of people) expect(person.screen()).toContain('email manzilingizni yuboring');
    });
  });

  describe('flood control (429)', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await Harness.start();
    });
    afterAll(() => h.stop());

    it("waits the retry_after Telegram names and makes the call again; the person gets the answer", async () => {
      const me = h.chat();
      h.telegram.floodWait('sendMessage', 2);
      const from = h.telegram.callTimes.length;
      await me.send('/start');
      expect(me.screen()).toContain('email manzilingizni yuboring');
      const sends = h.telegram.callTimes.slice(from).filter((call) => call.method === 'sendMessage');
      expect(sends).toHaveLength(2);
      expect(sends[1]!.at - sends[0]!.at).toBeGreaterThanOrEqual(2000 - TOLERANCE_MS);
      expect(h.telegram.errors()).toEqual([{ method: 'sendMessage', description: 'Too Many Requests: retry after 2' }]);
    });
  });
});
