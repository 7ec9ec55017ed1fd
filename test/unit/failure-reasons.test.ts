import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { Effect } from '../../adapters/effects.js';
import { bindScope, provideAll, type BackendImplementations, type UpdateScope } from '../../adapters/provide.js';
import { BackendError } from '../../api/errors.js';
import { asFailure, FAILURE_REASON_MAX } from '../../machines/backend.js';
import { chatMachine } from '../../machines/chat.js';
import type { PersonEvent } from '../../machines/events.js';
import { parseTelegramHtml } from '../harness/telegram-html.js';
import { aPerson } from './employees-fixtures.js';

/** A reason as long as the backend may send one (its JSON bodies have no bound), with HTML's own characters. */
const longReason = `Sabab <${'Ы'.repeat(5000)}> & oxiri`;

/** Every backend call refuses with the long reason. */
const refusing = new Proxy({} as BackendImplementations, {
  has: () => true,
  get: () => async () => {
    throw new BackendError('validation', longReason, { phone: longReason });
  },
});

/** The screens the chat shows for the events, as Telegram would read their text. */
async function screensFor(events: PersonEvent[]): Promise<string[]> {
  const scope: UpdateScope = { api: null as never, now: 0, effects: [], pending: 0, sessionExpiredAt: null, forbidden: false, onCallStart() {}, onCallEnd() {} };
  const actor = createActor(provideAll(chatMachine, refusing), { input: { employee: aPerson('administrator') } });
  bindScope(actor.system, scope);
  actor.start();
  for (const event of events) {
    actor.send(event);
    do await new Promise((resolve) => setImmediate(resolve));
    while (scope.pending > 0);
  }
  actor.stop();
  return (scope.effects as Effect[]).flatMap((effect) => (effect.type === 'show' ? [parseTelegramHtml(effect.screen.text).text] : []));
}

describe("the backend's reasons of any length", () => {
  it('are clipped as the machines read them, message and fields', () => {
    const failure = asFailure(new BackendError('validation', longReason, { phone: longReason }).toFailure());
    expect([...failure.message].length).toBe(FAILURE_REASON_MAX);
    expect(failure.message.endsWith('…')).toBe(true);
    expect([...failure.fields!.phone!].length).toBe(FAILURE_REASON_MAX);
    expect(asFailure({ kind: 'network', message: 'Tarmoq' })).toEqual({ kind: 'network', message: 'Tarmoq' });
  });

  it("leave the profile's and the sections' failure screens within Telegram's 4096 characters", async () => {
    const shown = await screensFor([{ type: 'MENU', item: 'profile' }, { type: 'MENU', item: 'students' }, { type: 'MENU', item: 'employees' }]);
    expect(shown).toHaveLength(3);
    for (const text of shown) {
      expect(text).toContain('Sabab <ЫЫЫ');
      expect(text.length).toBeLessThanOrEqual(4096);
    }
  });
});
