// Every message the CLI prints, in English and Chinese, from src/core/message-catalog.ts (called by gen-docs.mjs).
export default async function messages(dist, table) {
  const { catalogueTable } = await dist('core/message-catalog.js');
  return table(
    ['id', 'English', '中文'],
    catalogueTable().map(([id, en, zh]) => [`\`${id}\``, en, zh]),
  );
}
