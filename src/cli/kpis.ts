/** `salesperf kpis`: the KPI catalogue as a table, JSON, CSV or Markdown. */
import { KPIS } from '../kpi/index.js';
import { writeFileAtomic } from '../io/write.js';
import { csvLine } from '../render/csv-text.js';
import { wrapText } from '../render/table.js';
import type { CliIO } from './io.js';
import { outputFormat } from './ingest-options.js';
import { FORMATS } from './options.js';

export async function kpisCommand(flags: { format?: string; out?: string; lang?: string; quiet?: boolean }, io: CliIO): Promise<number> {
  const format = outputFormat(flags, FORMATS.kpis, 'table');
  const zh = flags.lang === 'zh';
  const label = (k: (typeof KPIS)[number]) => (zh ? k.labelZh : k.label);
  let text: string;
  if (format === 'json')
    text =
      JSON.stringify(
        KPIS.map((k) => ({
          id: k.id,
          label: k.label,
          labelZh: k.labelZh,
          unit: k.unit,
          formula: k.formula,
          ...(k.needs ? { needs: k.needs } : {}),
          default: k.default,
          inputs: k.inputs,
        })),
        null,
        2,
      ) + '\n';
  else if (format === 'csv')
    text = [csvLine(['id', 'label', 'unit', 'formula']), ...KPIS.map((k) => csvLine([k.id, label(k), k.unit, k.formula]))].join('');
  else if (format === 'md') {
    const cell = (s: string) => s.replace(/\|/g, '\\|');
    const head = zh ? ['编号', '名称', '单位', '公式'] : ['id', 'label', 'unit', 'formula'];
    text =
      [
        `| ${head.join(' | ')} |`,
        '| --- | --- | --- | --- |',
        ...KPIS.map((k) => `| ${[k.id, label(k), k.unit, k.formula].map(cell).join(' | ')} |`),
      ].join('\n') + '\n';
  } else {
    // On a terminal the formula is wrapped under its own column, so no line is wider than the screen.
    const indent = ' '.repeat(29);
    const width = io.stdoutIsTTY && io.columns ? io.columns - indent.length : Infinity;
    const body = (t: string) => (width === Infinity ? t : wrapText(t, Math.max(20, width)).join('\n' + indent));
    text = KPIS.map((k) => `${k.id.padEnd(21)} ${k.unit.padEnd(6)} ${body(`${zh ? `${k.labelZh}: ` : ''}${k.formula}`)}\n`).join('');
  }
  if (flags.out && flags.out !== '-') await writeFileAtomic(flags.out, text, []);
  else io.stdout(text);
  return 0;
}
