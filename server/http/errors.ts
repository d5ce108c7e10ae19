import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { type Locale, type MessageKey, t } from '../i18n/messages.ts';
import { bodyLeft, discardBody } from './body.ts';
import { Problem, type ProblemDetails } from './problem.ts';

interface FieldError {
  field: string;
  message: string;
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

function fieldMessage(locale: Locale, e: AjvError): FieldError {
  const p = e.params;
  const at = (extra?: string) => (extra ? `${e.instancePath}/${extra}` : e.instancePath || '/');
  switch (e.keyword) {
    case 'required':
      return { field: at(String(p.missingProperty)), message: t(locale, 'field.required') };
    case 'additionalProperties':
      return {
        field: at(String(p.additionalProperty)),
        message: t(locale, 'field.unknown', { name: String(p.additionalProperty) }),
      };
    case 'minLength':
    case 'minItems':
      // "at least 1 characters" reads badly and means: fill it in
      return Number(p.limit) === 1
        ? { field: at(), message: t(locale, 'field.required') }
        : { field: at(), message: t(locale, 'field.too_short', { limit: String(p.limit) }) };
    case 'maxLength':
    case 'maxItems':
      return { field: at(), message: t(locale, 'field.too_long', { limit: String(p.limit) }) };
    case 'minimum':
    case 'exclusiveMinimum':
      return { field: at(), message: t(locale, 'field.too_small', { limit: String(p.limit) }) };
    case 'maximum':
    case 'exclusiveMaximum':
      return { field: at(), message: t(locale, 'field.too_large', { limit: String(p.limit) }) };
    case 'format':
      return { field: at(), message: t(locale, 'field.format', { format: String(p.format) }) };
    case 'type':
      return { field: at(), message: t(locale, 'field.type', { type: String(p.type) }) };
    case 'enum':
      return {
        field: at(),
        message: t(locale, 'field.enum', { allowed: (p.allowedValues as unknown[]).join(', ') }),
      };
    case 'const':
      return { field: at(), message: t(locale, 'field.enum', { allowed: String(p.allowedValue) }) };
    default:
      return { field: at(), message: t(locale, 'field.invalid') };
  }
}

/** PostgreSQL error codes that mean "your data", not "our bug". */
const pgCodes: Record<string, [number, MessageKey]> = {
  '23505': [409, 'duplicate'],
  '23P01': [409, 'conflict'],
  '40001': [409, 'conflict'],
  '40P01': [409, 'conflict'],
  '23503': [422, 'validation'],
  '23514': [422, 'validation'],
  '23502': [422, 'validation'],
  '22001': [422, 'validation'],
  '22003': [422, 'validation'],
  '22007': [422, 'validation'],
  '22008': [422, 'validation'],
  '22P02': [400, 'bad_request'],
  // a NUL character in text or an escape jsonb cannot hold: refused up front (http/body.ts), this is the net
  '22021': [400, 'bad_request'],
  '22P05': [400, 'bad_request'],
  '22023': [400, 'bad_request'],
  '2201B': [400, 'bad_request'],
  '22025': [400, 'bad_request'],
  '54000': [400, 'bad_request'],
};

const fastifyCodes: Record<string, MessageKey> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

export function sendProblem(
  reply: FastifyReply,
  locale: Locale,
  status: number,
  code: MessageKey,
  params: Record<string, string | number> = {},
  errors?: FieldError[],
  details: ProblemDetails = {},
) {
  const title = t(locale, code, params);
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: `about:blank#${code}`,
      title,
      status,
      code,
      ...(errors && errors.length > 0 ? { errors } : {}),
      ...details,
    });
}

/**
 * The one place where any thrown error becomes an HTTP answer. Nothing but a real bug gives 5xx.
 * A request refused before its body was read (too large, an upload refused early) has the rest of
 * it discarded first, so the client sees the answer rather than a reset connection.
 */
export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (!bodyLeft(request.raw)) return answerError(error, request, reply);
  return discardBody(request.raw).then(() => answerError(error, request, reply));
}

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale ?? 'de';
  if (error instanceof Problem) {
    return sendProblem(
      reply,
      locale,
      error.status,
      error.code,
      error.params,
      error.fields.map((f) => ({ field: f.field, message: t(locale, f.code, f.params) })),
      error.details,
    );
  }
  if (error.validation) {
    const errors = (error.validation as AjvError[]).map((e) => fieldMessage(locale, e));
    const where = error.validationContext ?? 'body';
    return sendProblem(
      reply,
      locale,
      400,
      'validation',
      {},
      errors.map((e) => ({ ...e, field: where === 'body' ? e.field : `${where}:${e.field}` })),
    );
  }
  const fastifyCode = error.code ? fastifyCodes[error.code] : undefined;
  if (fastifyCode) return sendProblem(reply, locale, error.statusCode ?? 400, fastifyCode);
  const pg = error.code ? pgCodes[error.code] : undefined;
  if (pg) {
    request.log.info(
      { pgCode: error.code, constraint: (error as { constraint?: string }).constraint },
      'rejected by database',
    );
    return sendProblem(reply, locale, pg[0], pg[1]);
  }
  if (error.statusCode === 429) {
    // the rate limiter answers with a Problem; anything else that says 429 waits out its Retry-After
    const seconds = Number(reply.getHeader('retry-after')) || 60;
    reply.header('retry-after', seconds);
    return sendProblem(reply, locale, 429, seconds === 1 ? 'rate_limited.one' : 'rate_limited', { seconds });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendProblem(
      reply,
      locale,
      error.statusCode,
      error.statusCode === 404 ? 'not_found' : 'bad_request',
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendProblem(reply, locale, 500, 'internal');
}
