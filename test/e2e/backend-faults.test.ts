import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureTexts } from '../../api/errors.js';
import { FAULTS, type Fault } from '../harness/backend-simulator.js';
import { Harness, type Person } from '../harness/driver.js';

/**
 * Each fault a backend or the network in front of it can produce, on a write and on a read: the
 * person gets a clear Uzbek message, and the simulator's request log shows that no write was sent
 * twice (a write whose answer was lost may have taken effect) and that a read was tried at most
 * twice.
 */
const expectedText: Record<Fault, string> = {
  http500: failureTexts.server,
  html502: failureTexts.network,
  timeout: failureTexts.network,
  refused: failureTexts.network,
  malformedJson: failureTexts.server,
  unexpectedShape: failureTexts.server,
};

describe('backend faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  async function toSummary(me: Person, n: number): Promise<string> {
    const email = `fault.${n}.${me.id}@gmail.com`;
    await me.send('👥 Talabalar');
    await me.press('➕ Yangi talaba');
    for (const answer of ['Nosirov Bahodir', email, `90 555 ${String(10 + n).padStart(2, '0')} ${String(me.id % 100).padStart(2, '0')}`, `AF${String(1_000_000 + n * 1000 + (me.id % 1000)).slice(-7)}`, '01.02.2001']) await me.send(answer);
    await me.press('📷 Instagram');
    await me.press("⏭ O'tkazib yuborish");
    expect(me.screen()).toContain('Nosirov Bahodir');
    return email;
  }

  for (const [n, fault] of FAULTS.entries()) {
    for (const afterEffect of [false, true]) {
      if (fault === 'refused' && afterEffect) continue; // a refused connection never reached the backend
      it(`a create whose answer is ${fault}${afterEffect ? ' after the student was saved' : ''}: one POST, a clear message`, async () => {
        const me = h.chat();
        await me.login('administrator');
        const email = await toSummary(me, n * 2 + (afterEffect ? 1 : 0));
        h.backend.resetLog();
        h.backend.faults.push({ fault, method: 'POST', path: /^\/api\/v1\/auth\/students\/$/, afterEffect });
        await me.press('✅ Saqlash');
        const posts = h.backend.writeRequests();
        expect(posts.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /api/v1/auth/students/']);
        expect(me.botTexts().join('\n')).toContain(expectedText[fault]);
        expect(h.backend.db.students.filter((s) => s.email === email)).toHaveLength(afterEffect ? 1 : 0);
        expect(h.telegram.errors()).toEqual([]);
      });
    }
  }

  for (const fault of FAULTS) {
    it(`a list read answered ${fault}: at most one more try, then a clear message or the list`, async () => {
      const me = h.chat();
      await me.login('administrator');
      h.backend.resetLog();
      h.backend.faults.push({ fault, method: 'GET', path: /^\/api\/v1\/auth\/students\/$/ });
      await me.send('👥 Talabalar');
      const reads = h.backend.requests.filter((r) => r.path === '/api/v1/auth/students/');
      const retried = fault === 'html502' || fault === 'refused';
      expect(reads).toHaveLength(retried ? 2 : 1);
      if (retried) expect(me.screen()).toContain('Sahifa 1');
      else expect(me.botTexts().join('\n')).toContain(expectedText[fault]);
      expect(h.backend.writeRequests()).toEqual([]);
    });
  }

  it('a token refresh that fails is not sent again, and the person is told', async () => {
    const me = h.chat();
    await me.login('administrator');
    h.backend.expireAccessTokens();
    h.backend.resetLog();
    h.backend.faults.push({ fault: 'html502', method: 'POST', path: /token\/refresh/, afterEffect: true });
    await me.send('👥 Talabalar');
    expect(h.backend.requests.filter((r) => r.path.includes('token/refresh'))).toHaveLength(1);
    expect(me.botTexts().join('\n')).toContain(failureTexts.network);
  });
});
