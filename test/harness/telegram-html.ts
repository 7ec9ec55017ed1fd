// Strict parser for Telegram's HTML parse_mode. It follows the rules of Telegram's
// own parser (tags, attribute syntax, error texts with UTF-8 byte offsets) and is
// deliberately stricter in a few places where Telegram silently shows broken text:
// an unknown named entity such as `&nbsp;` and an `<a>` without a usable href are
// errors here, because in production they reach the person as garbage.
import type { MessageEntity } from 'node-telegram-bot-api';

export interface ParsedHtml {
  /** the text the person sees: tags removed, entities decoded */
  text: string;
  entities: MessageEntity[];
}

/** `message` is what Telegram puts after "Bad Request: can't parse entities: ". */
export class HtmlParseError extends Error {
  override name = 'HtmlParseError';
}

const TAG_TYPES: Record<string, string> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough',
  span: 'spoiler', 'tg-spoiler': 'spoiler', a: 'text_link', code: 'code', pre: 'pre',
  blockquote: 'blockquote', 'tg-emoji': 'custom_emoji',
};

const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

interface OpenTag { tag: string; attrs: Map<string, string>; start: number; at: number }

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\n' || c === '\t' || c === '\r';

/** Telegram accepts links without a scheme ("example.com") and adds http://. */
export function isAcceptableUrl(url: string): boolean {
  const parse = (s: string): URL | undefined => { try { return new URL(s); } catch { return undefined; } };
  const direct = /^[a-z][a-z0-9+.-]*:/i.test(url) ? parse(url) : undefined;
  if (direct) return ['http:', 'https:', 'tg:', 'mailto:'].includes(direct.protocol);
  const guessed = parse(`http://${url}`);
  return guessed !== undefined && guessed.hostname.includes('.');
}

export function parseTelegramHtml(input: string): ParsedHtml {
  let out = '';
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let i = 0;
  // Telegram reports positions in UTF-8 bytes of the original text.
  const byteOffset = (pos: number): number => Buffer.byteLength(input.slice(0, pos), 'utf8');
  const fail = (reason: string, pos?: number): never => {
    throw new HtmlParseError(pos === undefined ? reason : `${reason} at byte offset ${byteOffset(pos)}`);
  };

  // Returns the decoded character and the index after the entity, or undefined when
  // the '&' is just a literal character (Telegram keeps those as they are).
  const decodeEntity = (pos: number): [string, number] | undefined => {
    const rest = input.slice(pos, pos + 40);
    const numeric = /^&#(?:[xX]([0-9a-fA-F]+)|(\d+));?/.exec(rest);
    if (numeric) {
      const code = numeric[1] !== undefined ? parseInt(numeric[1], 16) : Number(numeric[2]);
      if (code === 0 || code >= 0x10ffff || numeric[0].length > 10 || (code >= 0xd800 && code <= 0xdfff)) return undefined;
      return [String.fromCodePoint(code), pos + numeric[0].length];
    }
    const named = /^&([a-zA-Z]+)(;?)/.exec(rest);
    if (!named) return undefined;
    const char = NAMED_ENTITIES[named[1]!];
    if (char !== undefined) return [char, pos + named[0].length];
    if (named[2] === ';') fail(`Unsupported HTML entity "${named[0]}"`, pos);
    return undefined;
  };

  const readAttributes = (tag: string, begin: number): Map<string, string> => {
    const attrs = new Map<string, string>();
    for (;;) {
      while (isSpace(input[i])) i++;
      if (i >= input.length) fail('Unclosed start tag', begin);
      if (input[i] === '>') { i++; return attrs; }
      const nameStart = i;
      while (i < input.length && !isSpace(input[i]) && input[i] !== '=' && input[i] !== '>') i++;
      const name = input.slice(nameStart, i).toLowerCase();
      if (name === '') fail(`Empty attribute name in the tag "${tag}"`, begin);
      while (isSpace(input[i])) i++;
      if (input[i] !== '=') {
        if (tag === 'blockquote' && name === 'expandable') { attrs.set(name, ''); continue; }
        fail(`Expected equal sign in declaration of an attribute of the tag "${tag}"`, begin);
      }
      i++;
      while (isSpace(input[i])) i++;
      if (i >= input.length) fail(`Unclosed start tag "${tag}"`, begin);
      let value = '';
      const quote = input[i];
      if (quote === '"' || quote === "'") {
        i++;
        while (i < input.length && input[i] !== quote) {
          const decoded = input[i] === '&' ? decodeEntity(i) : undefined;
          if (decoded) { value += decoded[0]; i = decoded[1]; } else value += input[i++];
        }
        if (i >= input.length) fail('Unclosed start tag', begin);
        i++;
      } else {
        const tokenStart = i;
        while (i < input.length && /[A-Za-z0-9.-]/.test(input[i]!)) i++;
        value = input.slice(tokenStart, i).toLowerCase();
        if (!isSpace(input[i]) && input[i] !== '>') fail('Unexpected end of name token', tokenStart);
      }
      attrs.set(name, value);
    }
  };

  const openTag = (begin: number): void => {
    i = begin + 1;
    while (i < input.length && !isSpace(input[i]) && input[i] !== '>') i++;
    if (i >= input.length) fail('Unclosed start tag', begin);
    const tag = input.slice(begin + 1, i).toLowerCase();
    if (!(tag in TAG_TYPES)) fail(`Unsupported start tag "${tag}"`, begin);
    const attrs = readAttributes(tag, begin);
    if (tag === 'span' && attrs.get('class') !== 'tg-spoiler') fail('Tag "span" must have class "tg-spoiler"', begin);
    if (tag === 'a') {
      const href = attrs.get('href');
      if (href === undefined || href === '') fail('Tag "a" must have attribute "href"', begin);
      else if (!isAcceptableUrl(href)) fail(`Invalid URL "${href}" in tag "a"`, begin);
    }
    if (tag === 'tg-emoji' && !/^[1-9]\d*$/.test(attrs.get('emoji-id') ?? '')) fail('Invalid custom emoji identifier specified');
    stack.push({ tag, attrs, start: out.length, at: begin });
  };

  const closeTag = (begin: number): void => {
    const open = stack.pop();
    if (!open) fail('Unexpected end tag', begin);
    i = begin + 2;
    const nameStart = i;
    while (i < input.length && !isSpace(input[i]) && input[i] !== '>') i++;
    const name = input.slice(nameStart, i).toLowerCase();
    while (isSpace(input[i])) i++;
    if (input[i] !== '>') fail('Unclosed end tag', begin);
    i++;
    const { tag, attrs, start } = open!;
    if (name !== '' && name !== tag) {
      fail(`Unmatched end tag at byte offset ${byteOffset(begin)}, expected "</${tag}>", found "</${name}>"`);
    }
    const length = out.length - start;
    if (length === 0) return; // Telegram drops empty entities
    const entity: MessageEntity = { type: TAG_TYPES[tag]!, offset: start, length };
    if (tag === 'a') entity.url = attrs.get('href')!;
    if (tag === 'tg-emoji') entity.custom_emoji_id = attrs.get('emoji-id')!;
    if (tag === 'blockquote' && attrs.has('expandable')) entity.type = 'expandable_blockquote';
    if (tag === 'code') {
      const cls = attrs.get('class');
      if (cls?.startsWith('language-')) entity.language = cls.slice('language-'.length);
    }
    if (tag === 'pre') {
      // <pre><code class="language-x">...</code></pre> becomes one pre entity with a language
      const inner = entities[entities.length - 1];
      if (inner?.type === 'code' && inner.offset === start && inner.length === length) {
        entities.pop();
        if (inner.language) entity.language = inner.language;
      }
    }
    entities.push(entity);
  };

  while (i < input.length) {
    const c = input[i]!;
    if (c === '&') {
      const decoded = decodeEntity(i);
      if (decoded) { out += decoded[0]; i = decoded[1]; } else { out += c; i++; }
    } else if (c !== '<') {
      out += c;
      i++;
    } else if (input[i + 1] === '/') {
      closeTag(i);
    } else {
      openTag(i);
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) fail(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  // a language only survives on pre; a lone <code class="language-x"> carries none
  for (const e of entities) if (e.type === 'code') delete e.language;
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text: out, entities };
}
