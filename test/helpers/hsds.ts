import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * The official Open Referral HSDS 3 schemas, read from beside the clone (../shared/reference/hsds-3,
 * as CI has them; never copied into the project — their licence is CC BY-SA) or from
 * HSDS_REFERENCE_DIR. Missing, the tests that need them fail with this path rather than skip.
 */
export const hsdsReferenceDir =
  process.env.HSDS_REFERENCE_DIR ?? path.resolve(repoRoot, '..', 'shared', 'reference', 'hsds-3');

export const hsdsSchemaNames = [
  'organization',
  'organization_list',
  'service',
  'service_list',
  'service_at_location',
  'service_at_location_list',
] as const;
export type HsdsSchemaName = (typeof hsdsSchemaNames)[number];

/** A validator per schema, and a function that names the errors of one object. */
export function hsdsValidators() {
  if (!existsSync(path.join(hsdsReferenceDir, 'organization.json')))
    throw new Error(`The HSDS 3 reference schemas are not at ${hsdsReferenceDir} (set HSDS_REFERENCE_DIR).`);
  // strict off: the compiled schemas carry keywords of their own (core, datapackage_metadata …)
  const ajv = addFormats.default(new Ajv({ strict: false, allErrors: true, code: { optimize: false } }));
  const validators = {} as Record<HsdsSchemaName, ValidateFunction>;
  for (const name of hsdsSchemaNames) {
    const schema = JSON.parse(readFileSync(path.join(hsdsReferenceDir, `${name}.json`), 'utf8'));
    validators[name] = ajv.compile(schema);
  }
  return {
    validators,
    /** The errors of `value` against the schema, as text; empty when it is valid. */
    errors(name: HsdsSchemaName, value: unknown): string {
      const v = validators[name];
      return v(value) ? '' : ajv.errorsText(v.errors, { dataVar: name });
    },
  };
}
