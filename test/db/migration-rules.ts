/**
 * The rule that makes a rollback safe (docs/ROLLBACK.md): every migration is additive — expand now,
 * contract one release later — so release N−1 still runs on the schema of release N. A migration
 * may create tables, columns, indexes and triggers; it may not drop or rename a table or a column
 * that the previous release reads.
 */
const FORBIDDEN: ReadonlyArray<{ pattern: RegExp, what: string }> = [
  { pattern: /\bDROP\s+TABLE\b/i, what: 'drops a table' },
  { pattern: /\bDROP\s+(COLUMN\b|(?!TABLE|INDEX|TRIGGER|VIEW)\w+\s*(;|$))/im, what: 'drops a column' },
  { pattern: /\bRENAME\b/i, what: 'renames a table or a column' },
  { pattern: /\bALTER\s+TABLE\s+\S+\s+ALTER\s+COLUMN\b/i, what: 'changes a column in place' }
]

/** What in `sql` breaks the additive rule; empty when the migration is additive. */
export function nonAdditiveChanges (sql: string): string[] {
  const code = sql.replace(/--[^\n]*/g, '').replace(/\/\*[\s\S]*?\*\//g, '')
  return FORBIDDEN.filter(({ pattern }) => pattern.test(code)).map(({ what }) => what)
}
