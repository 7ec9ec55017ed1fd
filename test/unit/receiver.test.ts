import { describe, expect, it } from 'vitest';
import { createActor, createMachine, setup } from 'xstate';
import { forwardToChild, forwardToFlow, receiverOf } from '../../machines/flow.js';

type Event = { type: 'TEXT'; text: string } | { type: 'MENU' } | { type: 'BUTTON'; mine: boolean };

/** the innermost flow: takes texts */
const wizard = createMachine({ id: 'wizard', types: {} as { events: Event }, initial: 'asking', states: { asking: { on: { TEXT: 'asked' } }, asked: {} } });

/** a section root: texts and its child's buttons go to the child, its own buttons stay */
const section = setup({ types: {} as { events: Event }, actions: { forwardToChild }, actors: { wizard } }).createMachine({
  id: 'section',
  initial: 'idle',
  states: {
    idle: { on: { BUTTON: 'running' } },
    running: {
      invoke: { id: 'child', src: 'wizard' },
      on: {
        TEXT: { actions: 'forwardToChild' },
        BUTTON: [{ guard: ({ event }) => event.mine, actions: 'forwardToChild' }, { target: 'idle' }],
      },
    },
  },
});

/** the chat: the menu is its own, the rest goes to its flow */
const chat = setup({ types: {} as { events: Event }, actions: { forwardToFlow }, actors: { section } }).createMachine({
  id: 'chat',
  invoke: { id: 'flow', src: 'section' },
  on: { MENU: { actions: () => {} }, TEXT: { actions: 'forwardToFlow' }, BUTTON: { actions: 'forwardToFlow' } },
});

const idOf = (actor: { id: string }) => actor.id;

describe('receiverOf: where the person\'s event is sent', () => {
  it('to the section when it acts on the button itself, and to the chat for the menu', () => {
    const actor = createActor(chat).start();
    // the section runs no child yet: the button is its own
    expect(idOf(receiverOf(actor, { type: 'BUTTON', mine: false }))).toBe('flow');
    expect(receiverOf(actor, { type: 'MENU' })).toBe(actor);
  });

  it('to the innermost flow when each machine above would only hand it on', () => {
    const actor = createActor(chat).start();
    actor.send({ type: 'BUTTON', mine: false });
    const wizardActor = receiverOf(actor, { type: 'TEXT', text: 'Ali' });
    expect(idOf(wizardActor)).toBe('child');
    wizardActor.send({ type: 'TEXT', text: 'Ali' });
    expect(wizardActor.getSnapshot().value).toBe('asked');
    // a button the section keeps (its guard refuses to hand it on) stops there
    expect(idOf(receiverOf(actor, { type: 'BUTTON', mine: false }))).toBe('flow');
    expect(idOf(receiverOf(actor, { type: 'BUTTON', mine: true }))).toBe('child');
    // what the chat handles itself stays with the chat
    expect(receiverOf(actor, { type: 'MENU' })).toBe(actor);
  });

  it('to the chat when it is stopped', () => {
    const actor = createActor(chat).start();
    actor.stop();
    expect(receiverOf(actor, { type: 'TEXT', text: 'Ali' })).toBe(actor);
  });
});
