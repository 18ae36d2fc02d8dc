/**
 * zod problems as catalogue messages, one per bad key: `plan.json: tiers.tiers[2].rate: must be at
 * most 10` in English or Chinese. The key path is kept as it is in the file; the value found (taken
 * from the data by the path) gives a "did you mean" for a misspelled choice. Custom checks in the
 * schemas carry their message as `params.msg`; anything else falls back to zod's own English.
 */
import type { z } from 'zod';
import { didYouMeanOf, MESSAGES, msg, type Msg, orList } from '../core/message-catalog.js';

type Issue = z.core.$ZodIssue;

/** `tiers.tiers[2].rate`: keys joined by dots, array indexes in brackets; `(top level)` for the root. */
export function keyPath(path: readonly PropertyKey[]): string | Msg {
  if (!path.length) return msg('ZOD_TOP_LEVEL');
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : `${s ? '.' : ''}${String(k)}`;
  return s;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

const fromEnglish = new Map<string, string>();

/** What is wrong with the value at the issue's path, as a message. */
export function problemMsg(i: Issue, data: unknown): Msg {
  const custom = (i as { params?: { msg?: Msg } }).params?.msg;
  if (custom) return custom;
  const quoted = (xs: readonly unknown[]) => orList(xs.map((x) => JSON.stringify(x)));
  switch (i.code) {
    case 'too_big':
    case 'too_small': {
      const big = i.code === 'too_big';
      const bound = String(big ? (i as { maximum: unknown }).maximum : (i as { minimum: unknown }).minimum);
      if (i.origin === 'string') {
        if ((i as { exact?: boolean }).exact) return msg('ZOD_STRING_EXACT', { n: bound });
        if (!big && bound === '1') return msg('ZOD_NOT_EMPTY');
        return msg(big ? 'ZOD_STRING_MAX' : 'ZOD_STRING_MIN', { n: bound });
      }
      if (i.origin === 'array' || i.origin === 'set') return msg(big ? 'ZOD_ARRAY_MAX' : 'ZOD_ARRAY_MIN', { n: bound });
      return msg(
        big ? (i.inclusive === false ? 'ZOD_LESS_THAN' : 'ZOD_AT_MOST') : i.inclusive === false ? 'ZOD_MORE_THAN' : 'ZOD_AT_LEAST',
        { n: bound },
      );
    }
    case 'invalid_type': {
      const got = /received (\w+)/.exec(i.message)?.[1];
      return msg('ZOD_TYPE', { expected: i.expected, got: got ? msg('ZOD_GOT', { type: got }) : '' });
    }
    case 'invalid_value': {
      const v = valueAt(data, i.path);
      return msg('ZOD_CHOICE', { choices: quoted(i.values), suggest: typeof v === 'string' ? didYouMeanOf(v, i.values.map(String)) : '' });
    }
    case 'invalid_union': {
      const u = i as { discriminator?: string; options?: unknown[] };
      if (u.options) {
        const v = valueAt(data, i.path);
        return msg('ZOD_CHOICE', {
          choices: quoted(u.options),
          suggest: typeof v === 'string' ? didYouMeanOf(v, u.options.map(String)) : '',
        });
      }
      break;
    }
    case 'unrecognized_keys':
      return msg('ZOD_UNKNOWN_KEYS', { count: i.keys.length, keys: i.keys.map((k) => JSON.stringify(k)).join(', ') });
  }
  if (fromEnglish.size === 0) for (const [id, t] of Object.entries(MESSAGES)) if (id.startsWith('SCHEMA_')) fromEnglish.set(t.en, id);
  const id = fromEnglish.get(i.message);
  return id ? msg(id) : msg('ZOD_OTHER', { text: i.message });
}

/** One message per problem: `{key}: {what}` (the file is added by the caller). */
export function schemaProblems(error: z.ZodError, data: unknown): Msg[] {
  return error.issues.map((i) => msg('ZOD_PROBLEM', { key: keyPath(i.path), what: problemMsg(i, data) }));
}

/** The stopping message for an invalid config or plan file: one line for one problem, else a list under a heading. */
export function invalidFileMsg(file: string, noun: 'config' | 'plan', error: z.ZodError, data: unknown): Msg {
  const problems = schemaProblems(error, data);
  if (problems.length === 1) return msg('CONFIG_INVALID_ONE', { file, problem: problems[0]! });
  return msg('CONFIG_INVALID', {
    file,
    noun: msg(noun === 'plan' ? 'CONFIG_NOUN_PLAN' : 'CONFIG_NOUN_CONFIG'),
    count: problems.length,
    lines: problems,
  });
}
