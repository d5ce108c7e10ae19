import { Ajv, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

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
