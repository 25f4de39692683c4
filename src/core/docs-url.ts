// Where each rule's documentation lives (SARIF helpUri, diagnostic code links, Markdown output).
export const DOCS_BASE_URL = 'https://github.com/aims-tools/aims-lint/blob/main/docs/rules/';

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
