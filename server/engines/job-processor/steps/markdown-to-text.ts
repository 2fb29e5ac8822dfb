// Markdown -> plain prose: headings, emphasis, links, images, lists, quotes and tables to their text.
import { decodeEntities } from "./html-entities";

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const RULE_OR_UNDERLINE = /^ {0,3}(?:([-*_])(?:[ \t]*\1){2,}|=+|-+)[ \t]*$/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s*\S+/;
const TABLE_SEPARATOR = /^\s*(?:\|\s*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|\s*)?$/;

/**
 * Strips Markdown syntax and keeps the prose. Code blocks are kept as text (without their fences);
 * a table with a header becomes one `column: value; column: value` line per row.
 */
export function markdownToText(markdown: string): string {
  const lines = markdown.replace(/<!--[\s\S]*?-->/g, "").split("\n");
  const out: string[] = [];
  let fence: string | null = null;
  let tableHeader: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence !== null) {
      const close = FENCE.exec(line);
      if (close && close[1]![0] === fence[0] && close[1]!.length >= fence.length && line.trim() === close[1]) fence = null;
      else out.push(line.trimEnd());
      continue;
    }
    const open = FENCE.exec(line);
    if (open) {
      fence = open[1]!;
      continue;
    }
    if (tableHeader && line.includes("|") && line.trim() !== "") {
      out.push(tableRow(tableHeader, splitCells(line)));
      continue;
    }
    tableHeader = null;
    const next = lines[i + 1];
    if (line.includes("|") && next !== undefined && next.includes("-") && TABLE_SEPARATOR.test(next)) {
      tableHeader = splitCells(line);
      i++;
      continue;
    }
    if (REFERENCE_DEFINITION.test(line)) continue;
    if (RULE_OR_UNDERLINE.test(line)) {
      out.push("");
      continue;
    }
    const block = line
      .replace(/^ {0,3}#{1,6}(?:[ \t]+|$)/, "")
      .replace(/(?<![ \t])[ \t]+#+[ \t]*$/, "")
      .replace(/^\s*(?:>\s?)+/, "")
      .replace(/^\s*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/, "");
    out.push(inlineToText(block).trim());
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

/**
 * Inline syntax of one line: code spans and escapes are protected, then links, emphasis, HTML.
 * Every repetition is bounded, so a long line of unmatched `[`, `<` or `**` stays linear.
 */
export function inlineToText(text: string): string {
  const kept: string[] = [];
  const keep = (s: string) => `\ue000${kept.push(s) - 1}\ue001`; // private-use marks around an index
  const result = text
    .replace(/\\([!-/:-@[-`{-~])/g, (_, ch: string) => keep(ch))
    .replace(/(`+)(?!`)([\s\S]{0,2000}?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => keep(code.trim()))
    .replace(/!\[([^[\]]{0,1000})\]\((?:[^()]|\([^()]{0,1000}\)){0,2000}\)/g, "$1")
    .replace(/\[([^[\]]{0,1000})\]\((?:[^()]|\([^()]{0,1000}\)){0,2000}\)/g, "$1")
    .replace(/\[([^[\]]{1,1000})\]\[[^[\]]{0,1000}\]/g, "$1")
    .replace(/<((?:https?|ftp|mailto):[^>\s]{1,2000})>/gi, "$1")
    .replace(/<([^@>\s]{1,64}@[^@>\s]{1,253})>/g, "$1")
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]{0,50}(?:\s[^<>]{0,1000})?\/?>/g, "")
    .replace(/(\*\*|__)(?=\S)((?:(?!\1)[\s\S]){0,1000}?\S)\1/g, "$2")
    .replace(/~~(?=\S)((?:(?!~~)[\s\S]){0,1000}?\S)~~/g, "$1")
    .replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]{0,1000}?\S)\*(?![\p{L}\p{N}])/gu, "$1$2")
    .replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]{0,1000}?\S)_(?![\p{L}\p{N}_])/gu, "$1$2");
  return decodeEntities(result).replace(/\ue000(\d+)\ue001/g, (_, n: string) => kept[Number(n)] ?? "");
}

function splitCells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "")
    .split(/(?<!\\)\|/)
    .map((cell) => inlineToText(cell.trim()).trim());
}

function tableRow(header: string[], cells: string[]): string {
  return cells
    .map((value, i) => [header[i] || `column ${i + 1}`, value] as const)
    .filter(([, value]) => value !== "")
    .map(([name, value]) => `${name}: ${value}`)
    .join("; ");
}
