import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from '../harness/driver.js';
import { chatKeys, parseChatState, replaceSnapshot } from '../../storage/redis.js';

describe('Telegram adapter', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.stop());

  it('registers the webhook with its secret and the command list', () => {
    expect(h.telegram.webhook?.secret_token).toBeTruthy();
    expect(h.telegram.myCommands.map((c) => c.command)).toEqual(['start', 'menu', 'cancel', 'help']);
  });

  it('refuses webhook requests without the secret, and serves /healthz', async () => {
    const url = h.telegram.webhook!.url;
    const forged = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"update_id":1}' });
    expect(forged.status).toBe(401);
    const wrong = await fetch(url, { method: 'POST', headers: { 'X-Telegram-Bot-Api-Secret-Token': 'nope' }, body: '{}' });
    expect(wrong.status).toBe(401);
    const get = await fetch(url);
    expect(get.status).toBe(405);
    const health = await fetch(new URL('/healthz', url));
    expect(health.status).toBe(200);
  });

  it('answers in private chats only, with one polite line', async () => {
    await h.telegram.sendText(-100123, '/start', { chatType: 'group', fromId: 5 });
    const messages = h.telegram.messages(-100123).filter((m) => m.from === 'bot');
    expect(messages).toHaveLength(1);
    expect(messages[0]!.plain).toContain('shaxsiy chat');
    await h.telegram.sendText(-100123, 'hello all', { chatType: 'group', fromId: 5 });
    expect(h.telegram.messages(-100123).filter((m) => m.from === 'bot')).toHaveLength(1);
  });

  it('handles an update delivered twice only once', async () => {
    const me = h.chat();
    const update = await h.telegram.sendText(me.id, '/help');
    await h.settle();
    const before = h.telegram.messages(me.id).filter((m) => m.from === 'bot').length;
    await h.bot.handleUpdate(update);
    expect(h.telegram.messages(me.id).filter((m) => m.from === 'bot').length).toBe(before);
  });

  it('answers a button pressed after a restart, and an out-of-date button with an alert', async () => {
    const me = h.chat();
    await me.send('/start');
    await me.send('assistent@bimuz.local');
    const prompt = me.lastMessage()!;
    await h.restart();
    await me.pressOn(prompt, '❌ Bekor qilish');
    expect(me.screen()).toContain('Kirish bekor qilindi');
    // a button left by the old bot
    await h.telegram.sendText(me.id, '/help');
    await h.telegram.pressButton(me.id, prompt.message_id, prompt.inline_keyboard![0]![0]!.callback_data!);
    await h.settle();
    expect(me.alerts().at(-1)).toContain('tizimga kiring');
  });

  it('starts a chat afresh, and says so, when its saved state names a state that no longer exists', async () => {
    const { Redis } = await import('ioredis');
    const me = h.chat();
    await me.login('administrator');
    const redis = new Redis(h.bot.config.REDIS_URL!);
    const key = h.redisPrefix + chatKeys(h.redisPrefix, me.id)[0];
    const state = (await redis.getBuffer(key))!;
    const saved = JSON.parse(parseChatState(state).snapshot!) as { s: { value: unknown } };
    saved.s.value = { loggedIn: 'aStateRemovedByADeploy' };
    await redis.set(key, replaceSnapshot(state, JSON.stringify(saved)));
    redis.disconnect();
    await me.send('👤 Profil');
    const texts = me.botTexts();
    expect(texts.at(-2)).toContain('Bot yangilandi');
    expect(texts.at(-1)).toContain('administrator@bimuz.local');
  });

  it('shows typing while a slow backend works and answers every button press', async () => {
    const me = h.chat();
    await me.login('administrator');
    expect(h.telegram.chatActions(me.id)).toEqual([]);
    h.backend.latencyMs = 500;
    try {
      await me.send('👤 Profil');
    } finally {
      h.backend.latencyMs = 0;
    }
    expect(me.screen()).toContain('administrator@bimuz.local');
    expect(h.telegram.chatActions(me.id)).toContain('typing');
    await me.send('👥 Talabalar');
    await me.press(me.buttons()[0]!);
    await me.press(/Orqaga/);
    expect(h.telegram.callbackAnswers(me.id)).toHaveLength(2);
    expect(h.telegram.errors()).toEqual([]);
  });
});

describe('polling mode', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ mode: 'polling' });
  });
  afterAll(() => h.stop());

  it('deletes the webhook and logs in through long polling', async () => {
    expect(h.telegram.webhook).toBeUndefined();
    const me = h.chat();
    await me.login('dasturchi');
    expect(me.keyboard()).toContain('👤 Profil');
  });
});
