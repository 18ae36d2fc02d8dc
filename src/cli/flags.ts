/**
 * The checks every command shares, run before a command starts: choices with
 * "did you mean", `text` as the old name of `table`, --lang from the
 * environment, and the grain a --period implies.
 */
import { usageError } from '../errors.js';
import { didYouMeanOf, msg, orList } from '../core/message-catalog.js';
import { ALL_FORMATS, type CommandName, forCommand, keyOf, langFromEnv, optionsOf } from './options.js';

export type PeriodGrain = 'month' | 'week' | 'quarter' | 'year';

const grainWord = (g: PeriodGrain) => msg(`GRAIN_${g.toUpperCase()}`);

/** The grain a period key is written in: 2022-Q4 → quarter, 2022-W05 → week, 2022-10 → month, 2022 / FY2027 → year; null if none. */
export function grainOfPeriod(text: string): PeriodGrain | null {
  const t = text.trim().toUpperCase().replace(/\s+/g, '');
  if (/^(FY)?\d{4}-?Q[1-4]$/.test(t)) return 'quarter';
  if (/^\d{4}-?W\d{1,2}$/.test(t)) return 'week';
  if (/^(FY)?\d{4}年?$/.test(t)) return 'year';
  if (/^\d{4}(?:[-/.]|年)?\d{1,2}月?$/.test(t)) return 'month';
  return null;
}

/** --grain from --period/--from/--to when not given; a conflicting --grain is a usage error naming both. */
export function inferGrain(flags: { grain?: string; period?: string; from?: string; to?: string }): void {
  let implied: { flag: string; key: string; grain: PeriodGrain } | null = null;
  for (const flag of ['period', 'from', 'to'] as const) {
    const key = flags[flag];
    if (key === undefined) continue;
    const g = grainOfPeriod(key);
    if (g === null) continue; // not a period key at all: the period parser says what is expected
    if (implied && implied.grain !== g)
      throw usageError(
        'FLAG_PERIOD',
        msg('FLAG_PERIOD_KINDS', {
          flag: implied.flag,
          key: implied.key,
          grain: grainWord(implied.grain),
          flag2: flag,
          key2: key,
          grain2: grainWord(g),
        }),
      );
    implied ??= { flag, key, grain: g };
  }
  if (!implied) return;
  if (flags.grain === undefined) flags.grain = implied.grain;
  else if (flags.grain !== implied.grain) {
    throw usageError(
      'FLAG_GRAIN',
      msg('FLAG_GRAIN_CONFLICT', { flag: implied.flag, key: implied.key, grain: grainWord(implied.grain), given: flags.grain }),
    );
  }
}

/** Check and complete the parsed flags of a command (in place). */
export function normaliseFlags(cmd: CommandName, flags: Record<string, unknown>, env: Record<string, string | undefined>): void {
  if ((cmd === 'validate' || cmd === 'kpis') && flags.format === 'text') flags.format = 'table';
  for (const o of optionsOf(cmd)) {
    const choices = forCommand(o.choices, cmd);
    const key = keyOf(o);
    const v = flags[key];
    if (!choices || typeof v !== 'string' || choices.includes(v)) continue;
    if (choices.includes(v.toLowerCase())) {
      flags[key] = v.toLowerCase();
      continue;
    }
    if (o.long === 'format' && (ALL_FORMATS as readonly string[]).includes(v)) {
      throw usageError('FLAG_FORMAT', msg('FLAG_FORMAT', { value: v, command: cmd, choices: orList(choices) }));
    }
    throw usageError(
      `FLAG_${o.long.replace(/-/g, '_').toUpperCase()}`,
      msg('FLAG_CHOICE', { flag: o.long, value: JSON.stringify(v), choices: orList(choices), suggest: didYouMeanOf(v, choices) }),
    );
  }
  if (optionsOf(cmd).some((o) => o.long === 'lang') && flags.lang === undefined) flags.lang = langFromEnv(env);
  if (optionsOf(cmd).some((o) => o.long === 'period')) inferGrain(flags as { grain?: string });
}
