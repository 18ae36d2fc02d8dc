// The reader limits for docs/limits.md, from LIMITS in src/io/limits.ts (called by gen-docs.mjs).
export default async function limits(dist, table) {
  const { limitsTable } = await dist('io/limits.js');
  return table(
    ['limit', 'value', 'unit', 'what', 'when exceeded'],
    limitsTable().map(([name, ...rest]) => [`\`${name}\``, ...rest]),
  );
}
