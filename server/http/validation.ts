import { type SerializerFactory, SerializerSelector } from '@fastify/fast-json-stringify-compiler';
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
  onFirstUse(() => (httpPart === 'body' ? strict : coercing).compile(schema as object));

/**
 * Fastify compiles every route's validators and response serializers when the routes are registered:
 * some 600 schemas, 40 % of a restart's time (ajv and fast-json-stringify in a CPU profile of
 * `server/main.ts` on a loaded data directory). A route's schemas are compiled on its first request
 * instead, once; the API fuzz and OpenAPI tests send every route, so a schema that does not compile
 * still fails a test, not only a user.
 */
function onFirstUse<F extends (...args: never[]) => unknown>(compile: () => F): F {
  let compiled: F | undefined;
  const run = ((...args: Parameters<F>) => {
    compiled ??= compile();
    const result = compiled(...args);
    // Fastify reads a failed validation's errors from the function it was given
    (run as { errors?: unknown }).errors = (compiled as { errors?: unknown }).errors;
    return result;
  }) as F;
  return run;
}

const fastJsonStringify = SerializerSelector();

/** Fastify's own serializer factory (fast-json-stringify), each route's serializer built on first use. */
export const serializerFactory: SerializerFactory = (externalSchemas, options) => {
  const compileFor = fastJsonStringify(externalSchemas, options);
  return (route) => onFirstUse(() => compileFor(route));
};

/**
 * The text without surrounding white space; blank text is an error naming the field (422, or 400 for a
 * query string), since a schema's minLength lets "   " through.
 */
export function requiredText(value: string, field: string, status: 400 | 422 = 422): string {
  const text = value.trim();
  if (text === '') throw new Problem(status, 'validation', { fields: [{ field, code: 'field.required' }] });
  return text;
}
