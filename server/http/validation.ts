import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import { Problem } from './problem.ts';

/**
 * Two validators: query strings, params and headers arrive as text, so they are coerced
 * ("20" → 20); JSON bodies are not, so `{"name": 42}` is a type error rather than "42".
 * Unknown fields are errors everywhere (removeAdditional: false).
 */
const base: Options = { removeAdditional: false, useDefaults: true, allErrors: false, strict: false };
const strict = addFormats.default(new Ajv({ ...base, coerceTypes: false }));
const coercing = addFormats.default(new Ajv({ ...base, coerceTypes: 'array' }));

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = ({ schema, httpPart }) =>
  (httpPart === 'body' ? strict : coercing).compile(schema as object);

/**
 * The text without surrounding white space; blank text is an error naming the field (422, or 400 for a
 * query string), since a schema's minLength lets "   " through.
 */
export function requiredText(value: string, field: string, status: 400 | 422 = 422): string {
  const text = value.trim();
  if (text === '') throw new Problem(status, 'validation', { fields: [{ field, code: 'field.required' }] });
  return text;
}
