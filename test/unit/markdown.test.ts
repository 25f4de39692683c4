// Markdown of hovers and tooltips (src/extension/markdown.ts): ids and paths as code spans shown exactly
// as they are (the tree's tooltip showed credit\-bureau\-attributes\-2024), descriptions with their code spans.
import * as assert from 'node:assert/strict';
import { codeSpan, descriptionMarkdown, escapeMarkdown } from '../../src/extension/markdown';

describe('hover and tooltip Markdown', () => {
  it('a code span holds the text as it is, whatever backticks it contains', () => {
    assert.equal(codeSpan('credit-bureau-attributes-2024'), '`credit-bureau-attributes-2024`');
    assert.equal(codeSpan('aims/data/a_b.yaml'), '`aims/data/a_b.yaml`');
    assert.equal(codeSpan('a`b'), '``a`b``');
    assert.equal(codeSpan('`x'), '`` `x ``');
    assert.equal(codeSpan('two\nlines'), '`two lines`');
  });
  it('a description keeps its code spans and escapes the rest', () => {
    assert.equal(descriptionMarkdown('Always `aims/v1`.'), 'Always `aims/v1`.');
    assert.equal(escapeMarkdown('A.6.2.3 credit-risk-model'), 'A.6.2.3 credit-risk-model', 'dots and hyphens inside text stay');
    assert.equal(escapeMarkdown('- not a list\n1. not a list either'), '\\- not a list\n1\\. not a list either');
    // with its brackets escaped no link can form: the parentheses stay as they are
    assert.equal(descriptionMarkdown('*not bold* [link](x)'), '\\*not bold\\* \\[link\\](x)');
    assert.equal(escapeMarkdown('<img src=x>'), '\\<img src=x\\>');
  });
});
