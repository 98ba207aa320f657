import { sharedSchemas as commonSchemas } from './common.js'
import { tokenSchemas } from './tokens.js'
import { simulationSchemas } from './simulation.js'
import { CatalogEvent } from './catalog.js'
import { labSchemas } from './lab.js'
import { leagueSchemas } from './leagues.js'
import { FixturesAnswer } from './league-fixtures.js'

/** Every schema referenced with Type.Ref: registered once with app.addSchema, so each is one named component. */
export const sharedSchemas = [...commonSchemas, ...tokenSchemas, ...simulationSchemas, CatalogEvent, ...labSchemas, ...leagueSchemas, FixturesAnswer]
