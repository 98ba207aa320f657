import { readdirSync, readFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { nonAdditiveChanges } from './migration-rules.js'
import { PROJECT_ROOT } from '../../src/paths.js'

// Every folder of migrations the service applies (SQLite, and PostgreSQL when it ships one).
const FOLDERS = ['migrations', 'migrations-pg'].map((name) => join(PROJECT_ROOT, name)).filter((dir) => existsSync(dir))

t.test('every shipped migration is additive: nothing the previous release reads is dropped or renamed', async (t) => {
  let checked = 0
  for (const dir of FOLDERS) {
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.sql'))) {
      t.same(nonAdditiveChanges(readFileSync(join(dir, name), 'utf8')), [], `${dir.slice(PROJECT_ROOT.length + 1)}/${name}`)
      checked++
    }
  }
  t.ok(checked >= 3, `${checked} migrations checked`)
})

t.test('the rule refuses drops, renames and in-place changes, and allows expansion', async (t) => {
  t.same(nonAdditiveChanges('DROP TABLE ledger_entries;'), ['drops a table'])
  t.same(nonAdditiveChanges('ALTER TABLE actors DROP COLUMN label;'), ['drops a column'])
  t.same(nonAdditiveChanges('ALTER TABLE actors DROP label;'), ['drops a column'])
  t.same(nonAdditiveChanges('ALTER TABLE actors RENAME TO people;'), ['renames a table or a column'])
  t.same(nonAdditiveChanges('ALTER TABLE actors RENAME COLUMN label TO name;'), ['renames a table or a column'])
  t.same(nonAdditiveChanges('ALTER TABLE actors ALTER COLUMN label TYPE text;'), ['changes a column in place'])
  t.same(nonAdditiveChanges(`CREATE TABLE notes (id TEXT PRIMARY KEY) STRICT;
    ALTER TABLE actors ADD COLUMN email TEXT;
    CREATE INDEX notes_by_id ON notes (id);
    DROP INDEX IF EXISTS old_index;
    DROP TRIGGER IF EXISTS old_trigger;
    -- DROP TABLE in a comment is no change`), [], 'expansion, index and trigger changes are allowed')
})
