// Completion, hover and go-to-definition in AIMS records. Where a record id is expected (datasets,
// impact_assessment, system, metric datasets, SoA evidence) completion offers the workspace's records
// of the right kind; where a control id is expected it offers the 38 Annex A controls. Hovering a
// control id shows its title, our paraphrase of the Annex B guidance and its coverage; hovering a
// record id shows the record. The cursor analysis lives in the engine (src/core/cursor.ts).
import { evidencePath, isUrl } from '../core/coverage';
import { compareNatural } from '../core/recordList';
import * as vscode from 'vscode';
import { AIMS_DIR } from '../core/config';
import { CONTROLS, getControl, GROUPS, normalizeControlId } from '../core/catalogue';
import { contextAt, scalarText, valueFieldAt, type CursorContext } from '../core/cursor';
import type { IndexedRecord } from '../core/rule';
import { KIND_SPECS } from '../core/schema';
import { toRange } from './convert';
import type { AimsService, AimsWorkspace } from './workspace';
import { codeSpan, descriptionMarkdown, escapeMarkdown } from './markdown';

const SELECTOR: vscode.DocumentSelector = [
  { language: 'yaml', pattern: `**/${AIMS_DIR}/**/*.{yaml,yml}` },
];

const STATE_TEXT = { covered: 'covered', partial: 'partially covered', missing: 'missing', excluded: 'excluded' } as const;

export function registerLanguageFeatures(context: vscode.ExtensionContext, service: AimsService): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(SELECTOR, new AimsCompletionProvider(service), ' ', '-', '[', ',', '"', "'"),
    vscode.languages.registerHoverProvider(SELECTOR, new AimsHoverProvider(service)),
    vscode.languages.registerDefinitionProvider(SELECTOR, new AimsDefinitionProvider(service)),
  );
}

/** SoA evidence: a record id, a repository path or a URL. */
const soaEvidenceAt = (ctx: CursorContext): boolean => ctx.kind === 'Applicability' && ctx.path[0] === 'controls' && ctx.path[2] === 'evidence';

function cursor(doc: vscode.TextDocument, pos: vscode.Position): CursorContext | undefined {
  try { return contextAt(doc.getText(), doc.offsetAt(pos)); } catch { return undefined; }
}

/** Markdown describing a control: title, group, our paraphrase of Annex B, what to keep as evidence, its coverage. */
export function controlMarkdown(id: string, ws: AimsWorkspace | undefined): vscode.MarkdownString | undefined {
  const c = getControl(id);
  if (!c) return undefined;
  const group = GROUPS.find(g => g.id === c.group);
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${c.id} ${escapeMarkdown(c.title)}**  \n`);
  md.appendMarkdown(`_${escapeMarkdown(`${c.group} ${group?.title ?? ''}`.trim())} · Annex B ${c.annexB}_\n\n`);
  md.appendMarkdown(`${escapeMarkdown(c.summary)}\n\n`);
  if (c.evidenceFields.length) md.appendMarkdown(`Evidence to keep: ${c.evidenceFields.map(s => escapeMarkdown(s)).join('; ')}\n\n`);
  const cov = ws?.coverage().controls.find(x => x.id === id);
  if (cov) {
    md.appendMarkdown(`$(shield) Coverage: **${STATE_TEXT[cov.state]}** — ${escapeMarkdown(cov.reason)}`);
    if (cov.owner) md.appendMarkdown(` Owner: ${escapeMarkdown(cov.owner)}.`);
    md.appendMarkdown('\n\n');
  }
  md.appendMarkdown('_Our paraphrase, not the text of ISO/IEC 42001._');
  return md;
}

function recordMarkdown(r: IndexedRecord, ws: AimsWorkspace): vscode.MarkdownString {
  const s = r.summary;
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${escapeMarkdown(s.title ?? s.id ?? r.file)}**  \n`);
  md.appendMarkdown(`${KIND_SPECS[s.kind].title} ${codeSpan(s.id ?? '')} · ${escapeMarkdown(s.status ?? 'no status')}${s.owner ? ` · owner ${escapeMarkdown(s.owner)}` : ''}  \n`);
  if (s.review_by) md.appendMarkdown(`Review by ${escapeMarkdown(s.review_by)}  \n`);
  const findings = ws.findings().get(r.file) ?? [];
  const errors = findings.filter(f => f.severity === 'error').length, warnings = findings.filter(f => f.severity === 'warning').length;
  md.appendMarkdown(errors || warnings ? `$(warning) ${errors} error(s), ${warnings} warning(s)  \n` : '$(pass) no findings  \n');
  md.appendMarkdown(codeSpan(r.file));
  return md;
}

export class AimsCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly service: AimsService) {}

  provideCompletionItems(doc: vscode.TextDocument, pos: vscode.Position): vscode.CompletionItem[] | undefined {
    const hit = this.service.forUri(doc.uri);
    if (!hit) return undefined;
    const ctx = cursor(doc, pos);
    if (!ctx) return undefined;
    const field = valueFieldAt(ctx);
    if (!field) return undefined;
    const range = ctx.start !== undefined && ctx.end !== undefined
      ? new vscode.Range(doc.positionAt(ctx.start), doc.positionAt(ctx.end))
      : doc.getWordRangeAtPosition(pos, /[A-Za-z0-9._-]+/);
    const isSoaEvidence = soaEvidenceAt(ctx);

    if (field.type === 'control-id') {
      const present = new Set(ctx.kind === 'Applicability' ? hit.ws.linter.records().find(r => r.file === hit.rel)?.summary.soa?.map(e => e.id) ?? [] : []);
      return CONTROLS.map((c, i) => {
        const item = new vscode.CompletionItem({ label: c.id, description: c.title }, vscode.CompletionItemKind.EnumMember);
        item.sortText = String(i).padStart(3, '0');
        item.filterText = `${c.id} ${c.title}`;
        item.documentation = controlMarkdown(c.id, hit.ws);
        if (present.has(c.id)) item.tags = [vscode.CompletionItemTag.Deprecated]; // already listed
        item.range = range;
        return item;
      });
    }
    if (field.type === 'ref' || isSoaEvidence) {
      const kinds = field.type === 'ref' ? field.kinds : undefined;
      // natural order ("model-2" before "model-10"), retired ones last: sortText is compared as text
      return hit.ws.linter.records()
        .filter(r => r.summary.id && (!kinds || kinds.includes(r.summary.kind)) && r.file !== hit.rel)
        .sort((a, b) => compareNatural(a.summary.id!, b.summary.id!))
        .map((r, i) => {
          const item = new vscode.CompletionItem({ label: r.summary.id!, description: r.summary.title }, vscode.CompletionItemKind.Reference);
          item.detail = `${KIND_SPECS[r.summary.kind].title} · ${r.summary.status ?? 'no status'}`;
          item.documentation = recordMarkdown(r, hit.ws);
          item.sortText = (r.summary.status === 'retired' ? '1' : '0') + String(i).padStart(6, '0');
          if (r.summary.status === 'retired') item.tags = [vscode.CompletionItemTag.Deprecated];
          item.range = range;
          return item;
        });
    }
    if (field.type === 'enum') {
      return field.values.map((v, i) => {
        const item = new vscode.CompletionItem(v, vscode.CompletionItemKind.EnumMember);
        item.sortText = String(i).padStart(2, '0');
        item.documentation = field.description;
        item.range = range;
        return item;
      });
    }
    return undefined;
  }
}

export class AimsHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: AimsService) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const hit = this.service.forUri(doc.uri);
    // a control id anywhere in the record (values, comments, justifications)
    const word = doc.getWordRangeAtPosition(pos, /[Aa][\s._-]?\d{1,2}(?:[._-]\d{1,2}){1,2}/);
    if (word) {
      const id = normalizeControlId(doc.getText(word));
      const md = id ? controlMarkdown(id, hit?.ws) : undefined;
      if (md) return new vscode.Hover(md, word);
    }
    if (!hit) return undefined;
    const ctx = cursor(doc, pos);
    const field = ctx && valueFieldAt(ctx);
    if (!ctx || ctx.source === undefined || ctx.start === undefined || ctx.end === undefined) {
      if (ctx?.inKey && ctx.field) return new vscode.Hover(fieldMarkdown(ctx));
      return undefined;
    }
    if (ctx.inKey && ctx.field) return new vscode.Hover(fieldMarkdown(ctx), new vscode.Range(doc.positionAt(ctx.start), doc.positionAt(ctx.end)));
    const isSoaEvidence = soaEvidenceAt(ctx);
    if (field?.type === 'ref' || isSoaEvidence) {
      const target = hit.ws.linter.recordById(scalarText(ctx.source))[0];
      if (target) return new vscode.Hover(recordMarkdown(target, hit.ws), new vscode.Range(doc.positionAt(ctx.start), doc.positionAt(ctx.end)));
    }
    return undefined;
  }
}

function fieldMarkdown(ctx: CursorContext): vscode.MarkdownString {
  const f = ctx.field!;
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escapeMarkdown(f.label)}**${f.required ? ' (required)' : f.recommended ? ' (recommended)' : ''}\n\n${descriptionMarkdown(f.description)}`);
  const controls = f.controls?.length ? f.controls : ctx.kind ? KIND_SPECS[ctx.kind].controls : [];
  if (controls.length) md.appendMarkdown(`\n\nEvidences: ${controls.map(c => `${c} ${getControl(c)?.title ?? ''}`.trim()).map(s => escapeMarkdown(s)).join('; ')}`);
  return md;
}

export class AimsDefinitionProvider implements vscode.DefinitionProvider {
  constructor(private readonly service: AimsService) {}

  provideDefinition(doc: vscode.TextDocument, pos: vscode.Position): vscode.Location[] | undefined {
    const hit = this.service.forUri(doc.uri);
    if (!hit) return undefined;
    const ctx = cursor(doc, pos);
    if (!ctx || ctx.inKey || ctx.source === undefined) return undefined;
    const field = valueFieldAt(ctx);
    const isSoaEvidence = soaEvidenceAt(ctx);
    if (field?.type !== 'ref' && !isSoaEvidence) return undefined;
    const value = scalarText(ctx.source);
    const targets = hit.ws.linter.recordById(value);
    if (targets.length) {
      return targets.map(t => new vscode.Location(hit.ws.uri(t.file), toPos(hit.ws, t.file)));
    }
    // SoA evidence that is a file of the repository (coverage/evidence.ts decides, as for coverage)
    if (isSoaEvidence && !isUrl(value)) {
      const p = evidencePath(value);
      if (p && hit.ws.linter.pathKind(p) === 'file') return [new vscode.Location(hit.ws.uri(p), new vscode.Position(0, 0))];
    }
    return undefined;
  }
}

function toPos(ws: AimsWorkspace, file: string): vscode.Position {
  return toRange(ws.linter.rangeOf(file, ['id'], 'key')).start;
}
