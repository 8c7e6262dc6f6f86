// Renders a Reply as plain text for the shell: headings, aligned tables, notes.

import type { Block, Reply, TableColumn } from "../core/reply.ts";
import { typedAction } from "../core/clicks.ts";

export function renderText(reply: Reply): string {
  const lines: string[] = [];
  if (reply.title) lines.push(reply.status === "error" ? `Error: ${reply.title}` : reply.title);
  for (const block of reply.blocks) {
    if (lines.length > 0 && block.type !== "text") lines.push("");
    lines.push(...renderBlock(block, reply.status === "error" && lines.length === 0));
  }
  for (const image of reply.images ?? []) lines.push(`Chart: ${image.title}: ${image.url}`);
  if (reply.notes.length > 0) {
    lines.push("");
    for (const note of reply.notes) lines.push(`· ${note}`);
  }
  // Buttons are commands: where there are no buttons, the line to type.
  if (reply.actions?.length) {
    lines.push("");
    for (const action of reply.actions) lines.push(`→ ${typedAction(action)}   (${action.label})`);
  }
  return lines.join("\n");
}

function renderBlock(block: Block, firstOfError: boolean): string[] {
  switch (block.type) {
    case "heading":
      return [block.text];
    case "text":
      return [firstOfError ? `Error: ${block.text}` : block.text];
    case "fields": {
      const width = Math.max(...block.fields.map((f) => f.label.length));
      return block.fields.map((f) => `${(f.label + ":").padEnd(width + 1)} ${f.value}`);
    }
    case "list":
      return block.items.map((item) => `- ${item}`);
    case "table":
      return renderTable(block.columns, block.rows);
  }
}

/** Columns padded to their widest cell; numbers right-aligned where the column says so. */
export function renderTable(columns: TableColumn[], rows: string[][]): string[] {
  const widths = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (columns[i]?.align === "right" ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const out = [line(columns.map((c) => c.header)), widths.map((w) => "-".repeat(w)).join("  ")];
  for (const row of rows) out.push(line(row));
  if (rows.length === 0) out.push("(none)");
  return out;
}
