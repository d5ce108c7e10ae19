import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import {
  PostgresDialect as CodegenDialect,
  type ColumnMetadata,
  DiffChecker,
  type PostgresDB,
  serializeFromMetadata,
  TypeScriptSerializer,
} from 'kysely-codegen';
import pg from 'pg';
import { migrateToLatest } from '../server/db/migrate.ts';

/**
 * `npm run db:types`: the Kysely types of every table (server/db/database.generated.ts), generated
 * by kysely-codegen from a database that the migrations in server/db/migrations have just built.
 * `npm run db:types -- --check` generates them the same way and fails, with a diff, when the
 * committed file differs (CI runs it). Needs a PostgreSQL server: DATABASE_URL, or the local one
 * below; a database of its own is created for the run and dropped after it.
 *
 * kysely-codegen reads the catalogue: column types, nullability, defaults (`Generated<>`). What it
 * does not read is supplied here, each for a reason:
 * - text columns whose values a CHECK constraint lists (`kind IN ('a', 'b')`, `scope <@ ARRAY[…]`)
 *   get those values as a union — read from the constraints themselves, not written down here;
 * - columns the database fills and never lets anyone write (GENERATED ALWAYS: identity keys,
 *   search vectors) are `GeneratedAlways<>`, so no insert or update can name them;
 * - the few things no catalogue can tell: the shapes of jsonb values, values allowed by a CHECK
 *   over several columns, columns that a trigger fills — the maps below.
 */

/** What every jsonb column holds (JsonColumn and the shapes live in server/db/columns.ts). */
const jsonShapes: Record<string, string> = {
  'network.settings': 'NetworkSettings',
  'district.boundary': 'unknown',
  'profile.availability': 'AvailabilitySlot[]',
  'notification.params': 'Record<string, string | number>',
  'audit_log.details': 'Record<string, unknown>',
  'job.payload': 'Record<string, unknown>',
  'circle_map_snapshot.data': 'unknown',
  'playbook_revision.channels': 'PlaybookChannel[]',
  'outbox_email.headers': 'Record<string, string>',
  'outbox_email.headers_shown': 'Record<string, string>',
  // Mitgestalten: a tool's settings are checked by its kind's schema (areas/codesign/projects/tools.ts)
  'codesign_tool.config': 'Record<string, unknown>',
  'codesign_event.params': 'Record<string, string | number | boolean | null>',
  // Räume & Brücken: a snapshot's parts, shaped in areas/places/analytics/snapshot.ts
  'places_analytics_snapshot.trend': 'unknown',
  'places_analytics_view.figures': 'unknown',
  'places_analytics_view.nodes': 'unknown',
  'places_analytics_view.ties': 'unknown',
  // ActivityPub: Fedify's key–value values and an actor's keys as JWK (interop/activitypub)
  'ap_kv.value': 'unknown',
  'ap_key_pair.public_jwk': 'Record<string, unknown>',
  'ap_key_pair.private_jwk': 'Record<string, unknown>',
};

/** Values a CHECK over several columns allows, which the one-column rule below cannot see. */
const checkedValues: Record<string, string[]> = {
  // circle_attachment_kind_check: an image is WebP, a PDF is application/pdf
  'circle_attachment.content_type': ['image/webp', 'application/pdf'],
};

/** NOT NULL columns without a default that a trigger fills in, so an insert leaves them out. */
const setByTrigger = [
  // booking_buffer (migration 20261125_1101_sharing): the period plus the resource's buffer time
  'booking.buffered_period',
];

/** What a column means where its name does not say it (shown on the generated property). */
const columnNotes: Record<string, string> = {
  'session.assisted':
    'Begun with a sign-in link an instance admin made: circles stay closed, no password can be set',
  'outbox_email.body_text':
    'What is delivered, secrets included; no route returns it, and it is redacted once sent or failed',
  'outbox_email.body_shown': 'What an instance admin may read: the text with every secret redacted',
  'outbox_email.confidential': "A support circle's mail: admins only count these",
  'interaction.status':
    "'pending' only for one logged by hand with a person, until they confirm (migration 20261126_1200_interaction_confirmation)",
  'circle_need.credit_transfer_id':
    'The time credit paid to the helper when it was marked done (migration 20261125_1600_need_credit)',
  'opportunity_organisation.status':
    "Only 'accepted' rows run the opportunity; the lead is always accepted (CHECK)",
  'resource_map_cell.sum_lat_e6': 'Σ map_e6(public_lat): whole millionths of a degree',
  'resource_map_cell.sum_lng_e6': 'Σ map_e6(public_lng): whole millionths of a degree',
  'resource_map_cell.one_id': 'The smallest id in the cell',
};

/** As server/db/connect.ts parses them: bigint and numeric as JS numbers, dates as strings. */
const typeMapping: Record<string, string> = { int8: 'number', numeric: 'number' };
const dateParser = 'string';

const header = `/**
 * GENERATED by \`npm run db:types\` (scripts/db-types.ts, kysely-codegen) from a database migrated
 * with server/db/migrations. Do not edit: change a migration, or the maps in scripts/db-types.ts,
 * and run \`npm run db:types\`. CI runs \`npm run db:types -- --check\` and fails when this differs.
 */

`;

const root = path.resolve(import.meta.dirname, '..');
const outFile = path.join(root, 'server/db/database.generated.ts');
const relOut = path.relative(root, outFile);

interface Catalogue {
  checks: { table: string; column: string; def: string }[];
  generatedAlways: { table: string; column: string }[];
}

async function readCatalogue(db: Kysely<PostgresDB>): Promise<Catalogue> {
  const checks = await sql<Catalogue['checks'][number]>`
    SELECT c.relname AS table, a.attname AS column, pg_get_constraintdef(k.oid) AS def
      FROM pg_constraint k
      JOIN pg_class c ON c.oid = k.conrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]
     WHERE k.contype = 'c' AND n.nspname = 'public' AND cardinality(k.conkey) = 1
     ORDER BY c.relname, k.conname`.execute(db);
  const generatedAlways = await sql<Catalogue['generatedAlways'][number]>`
    SELECT c.relname AS table, a.attname AS column
      FROM pg_attribute a
      JOIN pg_class c ON c.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
       AND (a.attidentity = 'a' OR a.attgenerated = 's')`.execute(db);
  return { checks: checks.rows, generatedAlways: generatedAlways.rows };
}

const textLiteral = `'((?:[^']|'')*)'::text`;
const textList = new RegExp(`^${textLiteral}(?:, ${textLiteral})*$`);

function listValues(list: string): string[] | null {
  if (!textList.test(list)) return null;
  return [...list.matchAll(new RegExp(textLiteral, 'g'))].map((m) => m[1]!.replaceAll("''", "'"));
}

/**
 * The values a one-column CHECK allows, in the forms PostgreSQL prints them:
 * `col = ANY (ARRAY[…])` (how `col IN (…)` is stored), the same with `col IS NULL OR`, `col = '…'`,
 * and for an array column `col <@ ARRAY[…]`. Any other CHECK (lengths, ranges) says nothing here.
 */
function checkValues(column: string, isArray: boolean, def: string): string[] | null {
  const col = `"?${column.replace(/[^a-z0-9_]/g, '')}"?`;
  const forms = isArray
    ? [new RegExp(String.raw`^CHECK \(\(${col} <@ ARRAY\[(.*)\]\)\)$`)]
    : [
        new RegExp(String.raw`^CHECK \(\(${col} = ANY \(ARRAY\[(.*)\]\)\)\)$`),
        new RegExp(String.raw`^CHECK \(\(\(${col} IS NULL\) OR \(${col} = ANY \(ARRAY\[(.*)\]\)\)\)\)$`),
        new RegExp(String.raw`^CHECK \(\(${col} = ('(?:[^']|'')*'::text)\)\)$`),
      ];
  for (const form of forms) {
    const m = form.exec(def);
    if (m) return listValues(m[1]!);
  }
  return null;
}

async function generateTypes(db: Kysely<PostgresDB>): Promise<string> {
  const dialect = new CodegenDialect({ dateParser });
  const metadata = await dialect.introspector.introspect({ db, excludePattern: 'kysely_migration*' });
  const catalogue = await readCatalogue(db);

  const columns = new Map<string, ColumnMetadata>();
  for (const table of metadata.tables) {
    for (const column of table.columns) columns.set(`${table.name}.${column.name}`, column);
  }
  const column = (key: string, why: string): ColumnMetadata => {
    const found = columns.get(key);
    if (!found)
      throw new Error(`scripts/db-types.ts names ${key} (${why}), but the database has no such column`);
    return found;
  };

  for (const { table, column: name, def } of catalogue.checks) {
    const meta = column(`${table}.${name}`, 'a CHECK');
    const values = checkValues(name, meta.isArray, def);
    if (!values) continue;
    meta.enumValues = meta.enumValues ? meta.enumValues.filter((v) => values.includes(v)) : values;
  }
  for (const [key, values] of Object.entries(checkedValues)) column(key, 'checkedValues').enumValues = values;
  for (const key of setByTrigger) column(key, 'setByTrigger').hasDefaultValue = true;
  for (const [key, note] of Object.entries(columnNotes)) column(key, 'columnNotes').comment = note;

  // Overrides are written out whole, so nullability and defaults are added here from the catalogue.
  const overrides: Record<string, string> = {};
  const serializer = new TypeScriptSerializer({ skipAutogeneratedFileComment: true });
  const scalars = new Map(Object.entries(dialect.adapter.scalars));
  const mapped = new Map(Object.entries(typeMapping));
  for (const { table, column: name } of catalogue.generatedAlways) {
    const key = `${table}.${name}`;
    const meta = column(key, 'GENERATED ALWAYS');
    const scalar = scalars.get(meta.dataType);
    const base = mapped.get(meta.dataType) ?? (scalar ? serializer.serializeExpression(scalar) : null);
    if (!base || meta.isArray) throw new Error(`${key}: no TypeScript type known for ${meta.dataType}`);
    overrides[key] = `GeneratedAlways<${base}${meta.isNullable ? ' | null' : ''}>`;
  }
  for (const [key, meta] of columns) {
    if (meta.dataType !== 'jsonb' && meta.dataType !== 'json') continue;
    const shape = jsonShapes[key];
    if (!shape) throw new Error(`${key} is ${meta.dataType}: add the shape of its values to jsonShapes`);
    const type = `JsonColumn<${shape}>${meta.isNullable ? ' | null' : ''}`;
    overrides[key] = meta.hasDefaultValue ? `Generated<${type}>` : type;
  }
  for (const key of Object.keys(jsonShapes)) column(key, 'jsonShapes');

  const body = serializeFromMetadata({
    dialect,
    metadata,
    overrides: { columns: overrides },
    typeMapping,
    customImports: {
      GeneratedAlways: 'kysely#GeneratedAlways',
      JsonColumn: './columns.ts#JsonColumn',
      NetworkSettings: './columns.ts#NetworkSettings',
      AvailabilitySlot: './columns.ts#AvailabilitySlot',
      PlaybookChannel: './columns.ts#PlaybookChannel',
    },
    serializer,
  });
  return header + body;
}

/** A new database on the server, migrated to the latest version, dropped after `use`. */
async function withMigratedDatabase<T>(use: (db: Kysely<PostgresDB>) => Promise<T>): Promise<T> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const admin = new pg.Client({ connectionString: serverUrl });
  try {
    await admin.connect();
  } catch (err) {
    const from = process.env.DATABASE_URL ? 'DATABASE_URL' : 'the default; set DATABASE_URL for another';
    throw new Error(
      `db:types needs a PostgreSQL server at ${serverUrl} (${from}): ${(err as Error).message}`,
    );
  }
  const name = `kp_types_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = new Kysely<PostgresDB>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 1 }) }),
    });
    try {
      await migrateToLatest(db);
      return await use(db);
    } finally {
      await db.destroy();
    }
  } finally {
    await dropDatabase(admin, name);
    await admin.end();
  }
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  // As in test/helpers/app.ts: the pool's end() resolves before its connection has closed, and a
  // forced drop would kill it mid-close; so retry a plain drop while it goes away.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== '55006' || attempt >= 500) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

const check = process.argv.includes('--check');
const generated = await withMigratedDatabase(generateTypes).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
if (check) {
  let committed = '';
  try {
    committed = readFileSync(outFile, 'utf8');
  } catch {}
  const diff = new DiffChecker().diff(committed, generated);
  if (diff) {
    process.stderr.write(
      `${relOut} is not what the migrations produce (- committed, + generated):\n\n${diff}\n` +
        'Run `npm run db:types` and commit the result (change a migration, not the generated file).\n',
    );
    process.exitCode = 1;
  } else {
    process.stdout.write(`${relOut} matches the migrations.\n`);
  }
} else {
  writeFileSync(outFile, generated);
  process.stdout.write(`Wrote ${relOut}.\n`);
}
