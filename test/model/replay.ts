/**
 * Drives a generated path through the real bot (adapter, runtime, machines, Redis) over the Bot
 * API emulator and the backend simulator, and checks every step against the model: the bot
 * answered, Telegram refused nothing (the emulator enforces 4096 characters, valid HTML, 64-byte
 * callback data, 200-character alerts), nothing was logged as an error, and the conversation
 * state the bot saved in Redis is the one the model predicts.
 */
import { randomUUID } from 'node:crypto';
import { encodeButton } from '../../machines/ui/callback.js';
import { menu } from '../../machines/ui/texts.js';
import type { Harness } from '../harness/driver.js';
import type { ModelGraph, PathStep } from './graph.js';
import type { ModelEvent } from './model.js';
import { BackendClient } from './world.js';

const clipped = (value: string, max = 40) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);

/** A step as a person would tell it: `presses “🔙 Orqaga”`, `(backend down) types “Karimova”`. */
export function describeEvent(event: ModelEvent): string {
  const setting: string[] = [];
  if (event.snapshotLost) setting.push('saved state lost');
  if (event.sessionLost) setting.push('session gone');
  if (event.staleProfile) setting.push('role checked again');
  for (const change of event.change ?? []) {
    setting.push(
      change.kind === 'role'
        ? `now ${change.role}`
        : change.kind === 'remove'
          ? `${change.table} ${change.id} deleted by someone else`
          : change.kind === 'paymentLinks'
            ? `payment links ${change.mode}`
            : change.kind === 'intended'
              ? 'the backend as intended'
              : `${change.email} did ${change.call}`,
    );
  }
  if (event.conditions?.down) setting.push('backend down');
  if (event.conditions?.expired) setting.push('tokens expired');
  if (event.conditions?.writeFails) setting.push(event.conditions.writeFails === 'gone' ? 'its record deleted before the write' : 'the write fails');
  if (event.conditions?.storageDown) setting.push('Redis failing');
  const prefix = setting.length ? `(${setting.join(', ')}) ` : '';
  switch (event.type) {
    case 'TEXT':
      return `${prefix}types “${clipped(event.text.replace(/\s+/g, ' '))}”`;
    case 'MEDIA':
      return `${prefix}sends a photo`;
    case 'BUTTON':
      return `${prefix}${event.forged ? 'sends forged' : 'presses'} “${event.label ?? event.button.action}” (${encodeButton(event.button)}) on bot message ${event.message ?? '?'}`;
    case 'MENU':
      return `${prefix}main menu “${menu[event.item]}”`;
    case 'COMMAND':
      return `${prefix}/${event.command === 'unknown' ? 'nimadir' : event.command}`;
  }
}

export interface StepReport {
  step: string;
  expected: string;
  actual?: string;
  problem?: string;
}

export class PathFailure extends Error {}

/** Everything the bot's logger reported at error level, for the "no exception" check. */
export class ErrorLog {
  readonly lines: string[] = [];
  readonly logger = {
    debug() {},
    info() {},
    warn() {},
    error: (message: string, error?: unknown) => {
      this.lines.push(error instanceof Error ? `${message}: ${error.name}: ${error.message}` : `${message}${error ? `: ${String(error)}` : ''}`);
    },
  };
}

let nextChatId = 7_000_000;

export class Replay {
  readonly chatId = nextChatId++;
  readonly report: StepReport[] = [];

  constructor(
    private readonly h: Harness,
    private readonly graph: ModelGraph,
    private readonly errors: ErrorLog,
  ) {}

  private get store() {
    return this.h.bot.store;
  }

  /** What the bot saved for this chat, as JSON of the persisted actor tree (null when nothing). */
  async savedChat(): Promise<string | null> {
    const snapshot = await this.store.readSnapshot(this.chatId);
    if (!snapshot) return null;
    const wrapped = JSON.parse(snapshot) as { s?: unknown };
    return JSON.stringify(wrapped.s ?? null);
  }

  private async forgetSavedChat(): Promise<void> {
    await this.store.forgetSnapshot(this.chatId);
  }

  private botMessages() {
    return this.h.telegram.messages(this.chatId).filter((message) => message.from === 'bot');
  }

  /** Sets up the world the step happens in, then does what the person does. */
  private async perform(event: ModelEvent): Promise<void> {
    const { backend, telegram } = this.h;
    // what other employees did meanwhile, through the same backend the bot uses
    for (const change of event.change ?? []) await new BackendClient(backend).apply(change);
    if (event.snapshotLost) await this.forgetSavedChat();
    if (event.staleProfile) {
      const session = await this.store.getSession(this.chatId);
      if (session) await this.store.setSession(this.chatId, { ...session, checkedAt: 0 });
    }
    if (event.sessionLost) await this.store.deleteSession(this.chatId);
    if (event.conditions?.expired) {
      backend.expireAccessTokens();
      backend.expireRefreshTokens();
    }
    backend.down = event.conditions?.down ?? false;
    backend.nextWrite = event.conditions?.writeFails ?? null;
    // Redis failing the bot's own storage commands: the session's deletion, the only one the model fails
    const store = this.store as { deleteSession: (userId: number) => Promise<void> };
    const deleteSession = store.deleteSession;
    if (event.conditions?.storageDown) store.deleteSession = () => Promise.reject(new Error('Connection is closed.'));
    try {
      switch (event.type) {
        case 'TEXT':
          await telegram.sendText(this.chatId, event.text);
          break;
        case 'MEDIA':
          await telegram.sendPhoto(this.chatId);
          break;
        case 'COMMAND':
          await telegram.sendText(this.chatId, `/${event.command === 'unknown' ? 'nimadir' : event.command}`);
          break;
        case 'MENU':
          await telegram.sendText(this.chatId, menu[event.item]);
          break;
        case 'BUTTON': {
          const message = this.botMessages()[event.message ?? -1];
          if (!message) throw new PathFailure(`the chat has no bot message ${event.message} to press “${event.label}” on`);
          if (event.forged) await telegram.pressForged(this.chatId, message.message_id, encodeButton(event.button));
          else await telegram.pressButton(this.chatId, message.message_id, encodeButton(event.button));
          break;
        }
      }
      await this.h.settle();
    } finally {
      backend.down = false;
      backend.nextWrite = null;
      if (event.conditions?.storageDown) store.deleteSession = deleteSession;
    }
  }

  /** Performs one step and checks it; throws a PathFailure with the whole story so far. */
  async step(step: PathStep): Promise<void> {
    const expected = this.graph.treeKeyOf(step.state.chat);
    const entry: StepReport = { step: describeEvent(step.event), expected };
    this.report.push(entry);
    const telegramErrors = this.h.telegram.errors().length;
    const loggedErrors = this.errors.lines.length;
    const before = this.botMessages();
    const answersBefore = this.h.telegram.callbackAnswers(this.chatId).length;
    const fail = (problem: string): never => {
      entry.problem = problem;
      throw new PathFailure(this.story());
    };
    try {
      await this.perform(step.event);
    } catch (error) {
      if (error instanceof PathFailure) fail(error.message);
      fail(`the step could not be done: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (step.state.trace.error) fail(`the model stops with an error: ${step.state.trace.error}`);

    const newErrors = this.h.telegram.errors().slice(telegramErrors);
    if (newErrors.length) fail(`Telegram refused: ${newErrors.map((e) => `${e.method}: ${e.description}`).join('; ')}`);
    // the failure the step was made to have is logged for the operator, as it should be
    const newLogs = this.errors.lines.slice(loggedErrors).filter((line) => !(step.event.conditions?.storageDown && /^backend call logout failed: Error: Connection is closed\.$/.test(line)));
    if (newLogs.length) fail(`the bot logged an error: ${newLogs.join('; ')}`);

    const after = this.botMessages();
    const edited = after.some((message, index) => message.edits > (before[index]?.edits ?? 0));
    const answers = this.h.telegram.callbackAnswers(this.chatId).slice(answersBefore);
    const alerted = answers.some((answer) => answer.text);
    if (after.length === before.length && !edited && !alerted) fail('the bot did not answer: no new or edited message, no alert');
    if (step.event.type === 'BUTTON' && answers.length === 0) fail('the pressed button was not answered (the spinner keeps turning)');

    entry.actual = this.graph.treeKeyOf(await this.savedChat());
    if (entry.actual !== expected) fail('the bot is not in the state the model predicts');
    if (after.length !== step.state.botMessages) fail(`the bot sent ${after.length} messages in all, the model expected ${step.state.botMessages}`);
  }

  /** The path so far, for a failure message: every step, what was expected and found, the last screen. */
  story(): string {
    const lines = [`chat ${this.chatId}:`];
    this.report.forEach((entry, index) => {
      const mark = entry.problem ? '✗' : '✓';
      lines.push(`  ${mark} ${index + 1}. ${entry.step}`);
      if (entry.problem) {
        lines.push(`       problem:  ${entry.problem}`, `       model:    ${entry.expected}`);
        if (entry.actual !== undefined) lines.push(`       bot:      ${entry.actual}`);
      }
    });
    const last = this.botMessages().at(-1);
    if (last) {
      lines.push('  last bot message:', ...(last.plain ?? last.text ?? '').split('\n').map((line) => `    | ${line}`));
      const buttons = last.inline_keyboard?.flat().map((button) => button.text) ?? [];
      if (buttons.length) lines.push(`    buttons: ${buttons.join(' · ')}`);
    }
    return lines.join('\n');
  }
}
