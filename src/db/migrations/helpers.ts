import { sql } from 'kysely';

/** A CHECK expression limiting a column to fixed literals; the values are code constants, never user input. */
export const sqlIn = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);
