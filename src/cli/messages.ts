/**
 * Every line the CLI writes to stderr about a run looks alike:
 * `salesperf: error: …`, `salesperf: warning: …`, `salesperf: note: …`.
 * Repeated lines are grouped with a count; the most important come last
 * (notes, then warnings, then errors).
 */
import { COMMANDS } from './options.js';
import { type Lang, msg, type Msg, renderMsg } from '../core/message-catalog.js';

export type Level = 'error' | 'warning' | 'note';

export interface Message {
  level: Level;
  text: string;
  /** An indented line after the message, e.g. `hint: …`. */
  detail?: string;
  /** The text and detail as catalogue messages (rendered in the run's language); `text`/`detail` are their English. */
  msg?: Msg;
  detailMsg?: Msg;
}

/** The message in a language: its catalogue messages rendered, or its text as it is. */
export function inLang(m: Message, lang: Lang): Message {
  if (lang === 'en' || (!m.msg && !m.detailMsg)) return m;
  return { ...m, text: m.msg ? renderMsg(m.msg, lang) : m.text, ...(m.detailMsg ? { detail: renderMsg(m.detailMsg, lang) } : {}) };
}

const RANK: Record<Level, number> = { note: 0, warning: 1, error: 2 };

/** One message as its line(s), ending in a newline. */
export function formatMessage(m: Message, count = 1): string {
  const lines = m.text.split('\n');
  let out = `salesperf: ${m.level}: ${lines[0]}${count > 1 ? ` (×${count})` : ''}\n`;
  for (const l of lines.slice(1)) out += `  ${l}\n`;
  if (m.detail) out += `  ${m.detail}\n`;
  return out;
}

/** Messages grouped (same level and text → one line with ×N), notes first, errors last; order kept within a level. */
export function formatMessages(all: readonly Message[], lang: Lang = 'en'): string {
  const msgs = all.map((m) => inLang(m, lang));
  const groups = new Map<string, { m: Message; n: number; first: number }>();
  msgs.forEach((m, i) => {
    const k = `${m.level}\u0000${m.text}\u0000${m.detail ?? ''}`;
    const g = groups.get(k);
    if (g) g.n++;
    else groups.set(k, { m, n: 1, first: i });
  });
  return [...groups.values()]
    .sort((a, b) => RANK[a.m.level] - RANK[b.m.level] || a.first - b.first)
    .map((g) => formatMessage(g.m, g.n))
    .join('');
}

const make = (level: Level, text: string | Msg, detail?: string | Msg): Message => ({
  level,
  text: renderMsg(text, 'en'),
  ...(typeof text === 'string' ? {} : { msg: text }),
  ...(detail ? { detail: renderMsg(detail, 'en') } : {}),
  ...(detail && typeof detail !== 'string' ? { detailMsg: detail } : {}),
});
export const note = (text: string | Msg): Message => make('note', text);
export const warning = (text: string | Msg): Message => make('warning', text);
export const error = (text: string | Msg, detail?: string | Msg): Message => make('error', text, detail);

/**
 * Commander's own error text (`error: unknown option '--fomat'\n(Did you mean --format?)`)
 * in our shape: `salesperf: error: unknown option '--fomat'; did you mean --format?`.
 */
export function fromCommander(text: string, lang: Lang = 'en'): string {
  const lines = text
    .trim()
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const first = (lines.shift() ?? '').replace(/^error:\s*/, '');
  const parts: (string | Msg)[] = [commanderMsg(first)];
  let suggested = false;
  for (const l of lines) {
    const m = /^\(Did you mean (?:one of )?(.+)\?\)$/.exec(l);
    if (m) suggested = true;
    parts.push(m ? msg('DID_YOU_MEAN', { names: m[1]! }) : `; ${l}`);
  }
  if (/^unknown command /.test(first) && !suggested) parts.push(msg('CMD_THE_COMMANDS', { list: COMMANDS.join(', ') }));
  return formatMessage({ level: 'error', text: parts.map((p) => renderMsg(p, lang)).join('') });
}

/** Commander's first line as a catalogue message when it is one of the shapes we know (else as it is). */
function commanderMsg(text: string): string | Msg {
  let m: RegExpExecArray | null;
  if ((m = /^unknown option '(.+)'$/.exec(text))) return msg('CMD_UNKNOWN_OPTION', { option: m[1]! });
  if ((m = /^option '(.+)' argument missing$/.exec(text))) return msg('CMD_ARGUMENT_MISSING', { option: m[1]! });
  if ((m = /^missing required argument '(.+)'$/.exec(text))) return msg('CMD_MISSING_ARGUMENT', { name: m[1]! });
  if ((m = /^unknown command '(.+)'$/.exec(text))) return msg('CMD_UNKNOWN_COMMAND', { name: m[1]! });
  if ((m = /^required option '(.+)' not specified$/.exec(text))) return msg('CMD_REQUIRED_OPTION', { option: m[1]! });
  if ((m = /^too many arguments for '(.+)'\. Expected (\d+) arguments? but got (\d+)\.$/.exec(text)))
    return msg('CMD_TOO_MANY', { command: m[1]!, expected: m[2]!, got: m[3]! });
  if ((m = /^option '(.+)' argument (.+) is invalid\.$/.exec(text))) return msg('CMD_INVALID_ARGUMENT', { option: m[1]!, value: m[2]! });
  return text;
}
