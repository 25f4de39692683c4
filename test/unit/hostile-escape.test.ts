// The escaping module (src/core/escape.ts) against values an attacker would put in a record.
import * as assert from 'node:assert/strict';
import { csvField, escapeHtml, githubData, githubProperty, markdownCode, markdownText, previewValue, terminalText } from '../../src/core/escape';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(s: string): string; renderInline(s: string): string };
// GitHub renders pull-request comments with raw HTML allowed (sanitized later) and bare URLs linked:
// the strictest renderer to test against.
const md = new MarkdownIt({ html: true, linkify: true });

const NASTY = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '![tracker](https://evil.example/p.png)',
  '[click](javascript:alert(1))',
  'see https://evil.example/x and www.evil.example and <https://evil.example> and me@evil.example',
  '| broken | table |',
  '**bold** _em_ ~~strike~~ `code` # not a heading #',
  'line one\n::error file=x::injected\r\n::add-mask::secret',
  '\u001b[31mred\u001b[0m \u001b]0;title\u0007 \u202eevil\u202c \u0000nul',
  '$(alert) icon & ampersand &amp; entity',
];

/** Text content of rendered HTML (tags dropped, the few entities markdown-it emits decoded). */
const textOf = (html: string): string => html.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&').trim();

describe('hostile input: escaping (escape.ts)', () => {
  it('terminalText: nothing can start a line, move the cursor or reorder text', () => {
    for (const s of NASTY) {
      const t = terminalText(s);
      assert.ok(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(t), JSON.stringify(t));
    }
    assert.equal(terminalText('a\nb\r\tc\u001b[2Jd\u202e'), 'a\\nb\\r\\tc\\e[2Jd\\u{202e}');
    assert.equal(terminalText('plain Ünïcødé ✓'), 'plain Ünïcødé ✓');
  });

  it('githubData/githubProperty: one line, workflow commands cannot be started from a value', () => {
    const d = githubData('50% done\n::stop-commands::token\n::error::x');
    assert.ok(!d.includes('\n') && d.startsWith('50%25 done'), d);
    assert.equal(githubProperty('a:b,c%'), 'a%3Ab%2Cc%25');
  });

  it('markdownText: renders as the original characters, with no HTML, link, image or table break', () => {
    for (const s of NASTY) {
      const escaped = markdownText(s);
      assert.ok(!escaped.includes('\n'), 'one line');
      const html = md.render(`| a |\n|---|\n| ${escaped} |\n`);
      assert.ok(!/<(script|img|a)\b/i.test(html), `${s} → ${html}`);
      assert.equal((html.match(/<td>/g) ?? []).length, 1, `one cell: ${html}`);
      const inline = md.renderInline(escaped);
      assert.ok(!/<(script|img|a|strong|em|s|code)\b/i.test(inline), `${s} → ${inline}`);
      assert.equal(textOf(inline), terminalText(s.replace(/\r\n?|\n/g, ' ')), 'the same characters');
    }
  });

  it('markdownCode: a verbatim code span, also for backticks and pipes', () => {
    for (const s of ['a`b', '``x``', 'p|q', '<img src=x>', '`lead', 'trail`']) {
      const html = md.render(`| a |\n|---|\n| ${markdownCode(s, { table: true })} |\n`);
      assert.equal((html.match(/<td>/g) ?? []).length, 1, html);
      assert.equal(textOf(html.match(/<code>([\s\S]*?)<\/code>/)![1]), s, html);
    }
  });

  it('escapeHtml: the five special characters', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('csvField: formula-like cells, also after spaces, line feeds or NUL, become text', () => {
    for (const s of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '\0=1', '   =HYPERLINK("x")', '\nplain', '\0plain']) {
      const f = csvField(s);
      const inner = f.startsWith('"') ? f.slice(1, -1).replace(/""/g, '"') : f;
      assert.ok(inner.startsWith("'"), JSON.stringify(s) + ' → ' + f);
    }
    assert.equal(csvField('plain, with comma'), '"plain, with comma"');
    assert.equal(csvField('a "quote"'), '"a ""quote"""');
    assert.equal(csvField(' leading space'), ' leading space');
  });

  it('previewValue: bounded for any value, even an alias bomb', () => {
    let bomb: unknown = ['lol'];
    for (let i = 0; i < 40; i++) bomb = [bomb, bomb, bomb, bomb, bomb, bomb, bomb, bomb, bomb]; // 9^40 leaves
    const p = previewValue(bomb, 60);
    assert.ok(p.length <= 60, p);
    assert.ok(p.endsWith('…'));
    assert.equal(previewValue({ a: 1, b: 'x' }), '{a: 1, b: "x"}');
    assert.equal(previewValue('x'.repeat(100), 10), 'xxxxxxxxx…');
  });
});
