/** Text from the data made safe for HTML text and attribute values. Pure. */
import { escapeControls } from '../../core/format.js';

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Any text (a group name, a file name, a label) for HTML text or a quoted attribute:
 * `& < > " '` as entities and control characters (NUL, ESC, a line break inside a value…)
 * as visible `\u0000` escapes, as the terminal table shows them.
 */
export function escapeHtml(text: string): string {
  return escapeControls(text).replace(/[&<>"']/g, (c) => ENTITY[c]!);
}
