// The options table of docs/options.md, from src/cli/options.ts (built into dist/).
// Called by scripts/gen-docs.mjs as `default(dist, table)`; returns Markdown.
export default async function options(dist, table) {
  const { OPTIONS, COMMANDS, EXAMPLES, flagsOf, helpOf } = await dist('cli/options.js');
  const rows = OPTIONS.map((o) => {
    // commands that say the same thing share one entry
    const byText = new Map();
    for (const c of o.commands) {
      const t = helpOf(o, c);
      byText.set(t, [...(byText.get(t) ?? []), c]);
    }
    const description = byText.size === 1 ? [...byText.keys()][0] : [...byText].map(([t, cs]) => `${cs.join(', ')}: ${t}`).join('; ');
    return [`\`${flagsOf(o)}\``, o.commands.join(', '), description];
  });
  const examples = COMMANDS.map((c) => `**${c}**\n\n${EXAMPLES[c].map((e) => `    ${e}`).join('\n')}`).join('\n\n');
  return `${table(['option', 'commands', 'meaning'], rows)}\n\n## Examples (as in each --help)\n\n${examples}`;
}
