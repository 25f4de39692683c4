// Python string literals as the parser hands them over (prefix, quotes, escapes) turned into their value.
// Bytes and raw strings are handled; what cannot be decoded exactly (\N{...} names) makes the literal
// unresolved rather than guessed.

/** Splits a literal's source into prefix, quote and body; undefined when it is not a string literal. */
export function splitLiteral(src: string): { prefix: string; quote: string; body: string } | undefined {
  let i = 0;
  while (i < src.length && i < 3 && /[rRbBuUfF]/.test(src[i])) i++;
  const prefix = src.slice(0, i).toLowerCase();
  const rest = src.slice(i);
  const quote = rest.startsWith('"""') ? '"""' : rest.startsWith("'''") ? "'''" : rest[0] === '"' || rest[0] === "'" ? rest[0] : '';
  if (!quote) return undefined;
  // an unterminated literal (parser error recovery) ends at the end of the node
  const end = rest.length >= 2 * quote.length && rest.endsWith(quote) ? rest.length - quote.length : rest.length;
  return { prefix, quote, body: rest.slice(quote.length, Math.max(quote.length, end)) };
}

const SIMPLE: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

/** Decodes backslash escapes of a non-raw literal body; undefined when an escape cannot be decoded. */
export function unescapeBody(body: string, raw: boolean, isFormat = false): string | undefined {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (isFormat && (c === '{' || c === '}') && body[i + 1] === c) { out += c; i++; continue; }
    if (c !== '\\' || raw) { out += c; continue; }
    const n = body[i + 1];
    if (n === undefined) { out += c; break; }
    if (n === '\n') { i++; continue; }
    if (n === '\r') { i += body[i + 2] === '\n' ? 2 : 1; continue; }
    if (n === 'x' || n === 'u' || n === 'U') {
      const len = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = body.slice(i + 2, i + 2 + len);
      if (hex.length !== len || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return undefined;
      out += String.fromCodePoint(cp);
      i += 1 + len;
      continue;
    }
    if (n >= '0' && n <= '7') {
      const m = /^[0-7]{1,3}/.exec(body.slice(i + 1))![0];
      out += String.fromCharCode(parseInt(m, 8));
      i += m.length;
      continue;
    }
    if (n === 'N') return undefined;
    if (n in SIMPLE) { out += SIMPLE[n]; i++; continue; }
    out += c; // unknown escapes stay as written (Python keeps the backslash)
  }
  return out;
}

/** The value of a plain (non-f) string literal, or undefined. */
export function literalValue(src: string): string | undefined {
  const p = splitLiteral(src);
  if (!p || p.prefix.includes('f')) return undefined;
  return unescapeBody(p.body, p.prefix.includes('r'));
}
