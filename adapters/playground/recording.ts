/**
 * A playground chat as a list of the person's steps, each with what the chat showed after it, and
 * that list written out as a vitest end-to-end test on the project's driver (test/harness/driver.ts):
 * the same steps, sent to a fresh bot over a freshly seeded backend simulator, must show the same
 * screens.
 */

export type Action =
  | { kind: 'text'; text: string }
  | { kind: 'photo' }
  /** `newest`: no later message shows a button the label matches (the driver's `press` finds it) */
  | { kind: 'press'; label: string; messageId: number; newest: boolean };

export interface Step {
  action: Action;
  /** the newest bot message after the step, as a person reads it (the driver's `screen()`) */
  screen: string;
  /** the alert the pressed button was answered with */
  alert?: string;
}

/** A seeded account whose password the test asks the simulator for instead of spelling it out. */
export interface Secret {
  email: string;
  password: string;
}

export interface ExportOptions {
  steps: readonly Step[];
  /** passwords that appear in the steps: seeded ones, and those the backend gave accounts created in the chat */
  secrets: readonly Secret[];
  recordedAt: Date;
  /** false when the backend's data was changed by another chat: the test may then not pass */
  faithful: boolean;
}

/** Dates and times on a screen move with the day the test runs: they are matched as any date and time. */
const MOVING = /(\d{2}\.\d{2}\.\d{4}|\b\d{1,2}:\d{2}\b)/;

export function hasMovingParts(text: string): boolean {
  return MOVING.test(text);
}

/** The pattern the exported test's `recorded()` builds; the same function, so what is pressed here is pressed there. */
export function recordedPattern(text: string): RegExp {
  const pattern = text
    .split(MOVING)
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return part.includes('.') ? '\\d{2}\\.\\d{2}\\.\\d{4}' : '\\d{1,2}:\\d{2}';
    })
    .join('');
  return new RegExp(`^${pattern}$`);
}

/** How the exported test names a button: its label, or a pattern when the label holds a date or a time. */
export function labelMatches(label: string, candidate: string): boolean {
  return hasMovingParts(label) ? recordedPattern(label).test(candidate) : label === candidate;
}

const RECORDED_HELPER = `/** A screen as recorded, with its dates and times (which move with the day the test runs) matched as any. */
function recorded(text: string): RegExp {
  const pattern = text
    .split(${MOVING.toString()})
    .map((part, index) => {
      if (index % 2 === 0) return part.replace(/[.*+?^\${}()|[\\]\\\\]/g, '\\\\$&');
      return part.includes('.') ? '\\\\d{2}\\\\.\\\\d{2}\\\\.\\\\d{4}' : '\\\\d{1,2}:\\\\d{2}';
    })
    .join('');
  return new RegExp(\`^\${pattern}$\`);
}`;

const SHOWN_HELPER = `/** A message still shown in the chat, by its number in the chat. */
function shown(me: Person, messageId: number) {
  const message = me.harness.telegram.visibleMessages(me.id).find((m) => m.message_id === messageId);
  if (!message) throw new Error(\`message \${messageId} is no longer shown\`);
  return message;
}`;

const pad = (n: number) => String(n).padStart(2, '0');

/** A file name for the test: playground-20261202-0640.test.ts. */
export function exportFileName(at: Date): string {
  return `playground-${at.getUTCFullYear()}${pad(at.getUTCMonth() + 1)}${pad(at.getUTCDate())}-${pad(at.getUTCHours())}${pad(at.getUTCMinutes())}${pad(at.getUTCSeconds())}.test.ts`;
}

export function exportTest({ steps, secrets, recordedAt, faithful }: ExportOptions): string {
  /** a string as TypeScript, with every password written as the simulator's own */
  const text = (value: string): string => {
    const used = secrets.filter((secret) => secret.password.length >= 6 && value.includes(secret.password));
    if (!used.length) return JSON.stringify(value);
    const byPassword = new Map(used.map((secret) => [secret.password, secret.email]));
    const split = new RegExp(`(${used.map((secret) => secret.password.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`);
    return value
      .split(split)
      .map((part, index) => (index % 2 === 1 ? `h.backend.passwordOf(${JSON.stringify(byPassword.get(part))})` : part ? JSON.stringify(part) : ''))
      .filter(Boolean)
      .join(' + ');
  };
  const matcher = (value: string) => (hasMovingParts(value) ? `recorded(${text(value)})` : text(value));
  let usesRecorded = false;
  let usesShown = false;
  const body: string[] = [];
  for (const step of steps) {
    const { action } = step;
    if (action.kind === 'text') body.push(`await me.send(${text(action.text)});`);
    else if (action.kind === 'photo') body.push('await me.sendPhoto();');
    else if (action.newest) body.push(`await me.press(${matcher(action.label)});`);
    else {
      usesShown = true;
      body.push(`await me.pressOn(shown(me, ${action.messageId}), ${matcher(action.label)});`);
    }
    if (action.kind === 'press') usesRecorded ||= hasMovingParts(action.label);
    if (hasMovingParts(step.screen)) {
      usesRecorded = true;
      body.push(`expect(me.screen()).toMatch(recorded(${text(step.screen)}));`);
    } else {
      body.push(`expect(me.screen()).toBe(${text(step.screen)});`);
    }
    if (step.alert !== undefined) body.push(`expect(me.alerts().at(-1)).toBe(${text(step.alert)});`);
  }
  const stamp = `${recordedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const lines = [
    `// Recorded in the playground (npm start without BOT_TOKEN) on ${stamp}: ${steps.length} ${steps.length === 1 ? 'step' : 'steps'} of one chat,`,
    '// replayed through the real bot, the Bot API emulator, the seeded backend simulator and Redis.',
    '// Keep it in test/e2e/ and run it with: npx vitest run test/e2e/<this file>',
    ...(faithful
      ? []
      : ['// Another chat changed the backend\'s data while this one was recorded: a screen may differ here.']),
    "import { afterAll, beforeAll, expect, it } from 'vitest';",
    `import { Harness${usesShown ? ', type Person' : ''} } from '../harness/driver.js';`,
    '',
    ...(usesRecorded ? [RECORDED_HELPER, ''] : []),
    ...(usesShown ? [SHOWN_HELPER, ''] : []),
    'let h: Harness;',
    'beforeAll(async () => {',
    '  h = await Harness.start();',
    '});',
    'afterAll(() => h.stop());',
    '',
    "it('replays a conversation recorded in the playground', async () => {",
    '  const me = h.chat();',
    ...body.map((line) => `  ${line}`),
    '});',
    '',
  ];
  return lines.join('\n');
}
