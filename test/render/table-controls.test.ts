import { describe, expect, it } from 'vitest';
import { writeTable, columnWidths } from '../../src/render/table.js';
import { escapeControls as visible } from '../../src/core/format.js';

describe('control characters in table cells are shown escaped (a NUL or ESC from the data cannot reach the terminal)', () => {
  it('escapeControls() escapes C0, DEL and C1 characters and leaves the rest alone', () => {
    expect(visible('A\u0000n')).toBe('A\\u0000n');
    expect(visible('B\u001b[31mX')).toBe('B\\u001b[31mX');
    expect(visible('tab\there\r\n')).toBe('tab\\u0009here\\u000d\\u000a');
    expect(visible('\u007f\u0085')).toBe('\\u007f\\u0085');
    expect(visible('销售额 ok')).toBe('销售额 ok');
  });

  it('a table with such a cell keeps every line the same width', () => {
    const cells = [
      ['A\u0000n', '1.00'],
      ['Bob', '2.00'],
    ];
    const t = {
      columns: [
        { head: 'rep', align: 'left' as const },
        { head: 'Revenue', align: 'right' as const },
      ],
      rows: 2,
      cell: (r: number, c: number) => cells[r]![c]!,
    };
    let out = '';
    writeTable(t, (s) => (out += s), [0, 1], columnWidths(t));
    const lines = out.trimEnd().split('\n');
    expect(lines).toContain('│ A\\u0000n │    1.00 │');
    expect(new Set(lines.map((l) => [...l].length)).size).toBe(1);
  });
});
