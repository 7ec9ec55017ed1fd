import { describe, expect, it } from 'vitest';
import { HtmlParseError, parseTelegramHtml } from './telegram-html.js';

const errorOf = (html: string): string => {
  try {
    parseTelegramHtml(html);
  } catch (err) {
    if (err instanceof HtmlParseError) return err.message;
    throw err;
  }
  throw new Error(`expected ${JSON.stringify(html)} to be rejected`);
};

describe('parseTelegramHtml', () => {
  it('removes tags and reports entities in UTF-16 offsets', () => {
    const { text, entities } = parseTelegramHtml('Salom, <b>Ali</b>! <i>😀 <u>kurs</u></i>');
    expect(text).toBe('Salom, Ali! 😀 kurs');
    expect(entities).toEqual([
      { type: 'bold', offset: 7, length: 3 },
      { type: 'italic', offset: 12, length: 7 },
      { type: 'underline', offset: 15, length: 4 },
    ]);
  });

  it('knows every tag Telegram supports, including the aliases', () => {
    const html = '<strong>a</strong><em>b</em><ins>c</ins><s>d</s><strike>e</strike><del>f</del>'
      + '<span class="tg-spoiler">g</span><tg-spoiler>h</tg-spoiler><a href="https://bimuz.uz/x?a=1&amp;b=2">i</a>'
      + '<code>j</code><tg-emoji emoji-id="5368324170671202286">👍</tg-emoji><blockquote expandable>k</blockquote>';
    const { text, entities } = parseTelegramHtml(html);
    expect(text).toBe('abcdefghij👍k');
    expect(entities.map((e) => e.type)).toEqual(['bold', 'italic', 'underline', 'strikethrough', 'strikethrough',
      'strikethrough', 'spoiler', 'spoiler', 'text_link', 'code', 'custom_emoji', 'expandable_blockquote']);
    expect(entities.find((e) => e.type === 'text_link')?.url).toBe('https://bimuz.uz/x?a=1&b=2');
    expect(entities.find((e) => e.type === 'custom_emoji')?.custom_emoji_id).toBe('5368324170671202286');
  });

  it('turns pre with a nested language code into one pre entity', () => {
    const { text, entities } = parseTelegramHtml('<pre><code class="language-ts">let x = 1;</code></pre> <code class="language-js">y</code>');
    expect(text).toBe('let x = 1; y');
    expect(entities).toEqual([
      { type: 'pre', offset: 0, length: 10, language: 'ts' },
      { type: 'code', offset: 11, length: 1 },
    ]);
  });

  it('decodes the four named entities and numeric ones, keeps a bare ampersand', () => {
    expect(parseTelegramHtml('&lt;b&gt; &amp; &quot; &#39; &#x1F600; Q&A AT&T').text).toBe('<b> & " \' 😀 Q&A AT&T');
    expect(parseTelegramHtml('<a href=\'https://t.me/bimuz\'>x</a>').entities[0]?.url).toBe('https://t.me/bimuz');
  });

  it('rejects what Telegram rejects, with byte offsets', () => {
    expect(errorOf('a <br> b')).toBe('Unsupported start tag "br" at byte offset 2');
    expect(errorOf('1 < 2')).toBe('Unsupported start tag "" at byte offset 2');
    expect(errorOf('x <b')).toBe('Unclosed start tag at byte offset 2');
    expect(errorOf('done</b>')).toBe('Unexpected end tag at byte offset 4');
    expect(errorOf('<b>x</i>')).toBe('Unmatched end tag at byte offset 4, expected "</b>", found "</i>"');
    expect(errorOf('<b><i>x</b></i>')).toBe('Unmatched end tag at byte offset 7, expected "</i>", found "</b>"');
    expect(errorOf('<b>bold')).toBe('Can\'t find end tag corresponding to start tag "b"');
    expect(errorOf('<span>x</span>')).toBe('Tag "span" must have class "tg-spoiler" at byte offset 0');
    expect(errorOf('<b class=x!>x</b>')).toBe('Unexpected end of name token at byte offset 9');
    expect(errorOf('<i title>x</i>')).toBe('Expected equal sign in declaration of an attribute of the tag "i" at byte offset 0');
    expect(errorOf('<tg-emoji emoji-id="abc">x</tg-emoji>')).toBe('Invalid custom emoji identifier specified');
  });

  it('counts the byte offset in UTF-8, not in characters', () => {
    // "Салом " is 6 characters but 11 bytes
    expect(errorOf('Салом <p>')).toBe('Unsupported start tag "p" at byte offset 11');
  });

  it('is stricter than Telegram where Telegram would show broken text', () => {
    expect(errorOf('a&nbsp;b')).toBe('Unsupported HTML entity "&nbsp;" at byte offset 1');
    expect(errorOf('it&apos;s')).toBe('Unsupported HTML entity "&apos;" at byte offset 2');
    expect(errorOf('<a>x</a>')).toBe('Tag "a" must have attribute "href" at byte offset 0');
    expect(errorOf('<a href="javascript:alert(1)">x</a>')).toMatch(/^Invalid URL/);
  });

  it('drops empty entities as Telegram does', () => {
    expect(parseTelegramHtml('<b></b>x').entities).toEqual([]);
  });
});
