import {CONFIG_KEYS, flagName, UserConfig} from './schema.js';

/** The README's options table, made from the schema so the two cannot drift. */
export function optionsTable(): string {
  const rows = CONFIG_KEYS.map((key) => {
    const field = UserConfig.shape[key].unwrap();
    const type = field.def.type === 'boolean' ? 'flag' : field.def.type === 'array' ? 'list' : field.def.type === 'number' ? 'number' : 'text';
    const description = (UserConfig.shape[key].description ?? '').replace(/\|/g, '\\|');
    return `| \`--${flagName(key)}\` | \`${key}\` | ${type} | ${description} |`;
  });
  return ['| flag | config key | type | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

export const TABLE_START = '<!-- options-table: generated from src/config/schema.ts by `npm run docs` -->';
export const TABLE_END = '<!-- /options-table -->';

/** README text with the table between the markers replaced by the current one. */
export function withOptionsTable(readme: string): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${TABLE_START} … ${TABLE_END} markers`);
  return `${readme.slice(0, start + TABLE_START.length)}\n${optionsTable()}\n${readme.slice(end)}`;
}
