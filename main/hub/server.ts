import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyServerOptions } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Db } from '../db/open';
import { SCHEMA_VERSION } from '../db/migrations';
import { MAX_BODY_BYTES, enrolRequestSchema } from '../sync/protocol';
import { BodyError, decodeBody, encodeBody, negotiate } from '../sync/wire';
import { authenticate, redeemEnrolment } from './devices';
import { HubError } from './errors';
import { handleSync } from './exchange';
import type { EvidenceHubOptions } from './evidence';
import { mountEvidence } from './evidence';
import { evidenceDir } from '../evidence/config';

/**
 * The HQ hub's HTTP face (fastify: built-in body limits, pino structured logs, graceful close).
 *   POST /v1/enrol   trade a one-time code for a device token
 *   POST /v1/sync    one sync round (compressed JSON both ways)
 *   GET  /v1/health  liveness, schema version and the hub's clock
 *   /v1/evidence/…, /v1/uploads/…  evidence files (main/hub/evidence.ts)
 */
export interface HubOptions {
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** requests per device per minute */
  rateLimitPerMinute?: number;
  now?: () => number;
  /** evidence files (default: `<hub database folder>/evidence`) and the per-device limits on them */
  evidence?: Omit<EvidenceHubOptions, 'db' | 'now' | 'dir'> & { dir?: string };
}

/**
 * Answers are compressed at the application level and named in `X-Body-Encoding`, not
 * Content-Encoding: HTTP clients and proxies decompress Content-Encoding on their own, and sync
 * must control (and count) exactly what crosses the link.
 */
export const BODY_ENCODING_HEADER = 'x-body-encoding';
export const ACCEPT_BODY_ENCODING_HEADER = 'x-accept-body-encoding';

function send(reply: FastifyReply, acceptEncoding: string | string[] | undefined, status: number, body: unknown) {
  // answer in the encoding the request came in, unless the client asked for others
  const requestEncoding = reply.request.headers['content-encoding'];
  const asked = acceptEncoding ?? (requestEncoding === 'zstd' || requestEncoding === 'br' ? requestEncoding : undefined);
  const encoding = negotiate(Array.isArray(asked) ? asked.join(',') : asked);
  // POST answers are never cached, and JSON is UTF-8 by definition: no headers spent saying so
  reply.code(status).header('Content-Type', 'application/json');
  reply.header(BODY_ENCODING_HEADER, encoding);
  return reply.send(encodeBody(body, encoding));
}

export async function buildHub(options: HubOptions): Promise<FastifyInstance> {
  const { db } = options;
  const now = options.now ?? Date.now;
  // Keep-alive sockets must outlive a slow reply: at 64 kbit/s a 1 MB answer takes minutes to arrive,
  // and a server closing the socket meanwhile makes the client's next round fail.
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: MAX_BODY_BYTES, keepAliveTimeout: 300_000, requestTimeout: 600_000 });

  // Bodies are JSON, optionally zstd- or brotli-compressed; decoding is capped in decodeBody.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: MAX_BODY_BYTES }, (req, body, done) => {
    try {
      done(null, decodeBody(body as Buffer, req.headers['content-encoding']));
    } catch (err) {
      done(err as Error, undefined);
    }
  });

  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    // every byte counts on a 2.4 kbit/s link: the limit headers go out only with a refusal
    addHeaders: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false, 'retry-after': true },
    addHeadersOnExceeding: { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false },
    // per device (token), falling back to the address for unauthenticated calls
    keyGenerator: (req) => {
      const auth = req.headers.authorization;
      return auth ? createHash('sha256').update(auth).digest('hex') : req.ip;
    },
    // thrown by the plugin, so it must be an error the handler below recognises
    errorResponseBuilder: (_req, context) =>
      new HubError(429, 'RATE_LIMITED', `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`, `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });

  // the Date header costs 37 bytes a round and the device does not use it (hubTime is in the body)
  app.addHook('onRequest', async (_req, reply) => {
    reply.raw.sendDate = false;
  });

  app.setErrorHandler((err, req, reply) => {
    const accept = req.headers[ACCEPT_BODY_ENCODING_HEADER];
    if (err instanceof HubError) return send(reply, accept, err.status, err.toBody());
    if (err instanceof BodyError) return send(reply, accept, 400, new HubError(400, 'BAD_BODY', `请求体无效：${err.message}`, `Bad request body: ${err.message}`).toBody());
    const e = err as { statusCode?: number; code?: string; message?: string };
    if (e.statusCode === 413) return send(reply, accept, 413, new HubError(413, 'TOO_LARGE', '请求过大', 'The request body is too large').toBody());
    if (e.statusCode === 415) return send(reply, accept, 415, new HubError(415, 'BAD_CONTENT_TYPE', '请求必须是 JSON', 'The request body must be application/json').toBody());
    if (e.statusCode === 429) return send(reply, accept, 429, new HubError(429, 'RATE_LIMITED', '请求过于频繁', 'Too many requests').toBody());
    if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
      return send(reply, accept, e.statusCode, { error: { code: e.code ?? 'BAD_REQUEST', message: '请求无效', messageEn: e.message ?? 'Bad request' } });
    }
    req.log.error({ err }, 'hub internal error');
    return send(reply, accept, 500, { error: { code: 'INTERNAL', message: '总部节点内部错误', messageEn: 'Internal hub error' } });
  });

  app.get('/v1/health', async (req, reply) =>
    send(reply, req.headers[ACCEPT_BODY_ENCODING_HEADER], 200, { ok: true, schemaVersion: SCHEMA_VERSION, hubTime: now() }),
  );

  app.post('/v1/enrol', async (req, reply) => {
    const parsed = enrolRequestSchema.safeParse(req.body);
    if (!parsed.success) throw new HubError(400, 'BAD_REQUEST', '注册请求格式有误', 'Malformed enrolment request');
    const { device, token } = redeemEnrolment(db, parsed.data.code, parsed.data.replicaId, new Date(now()));
    req.log.info({ deviceId: device.id, personId: device.personId }, 'device enrolled');
    return send(reply, req.headers[ACCEPT_BODY_ENCODING_HEADER], 200, { deviceId: device.id, token, personId: device.personId, siteId: device.siteId });
  });

  await mountEvidence(app, { ...options.evidence, db, now, dir: options.evidence?.dir ?? evidenceDir(db) });

  app.post('/v1/sync', async (req, reply) => {
    const device = authenticate(db, req.headers.authorization);
    const response = handleSync(db, device, req.body, now());
    req.log.info({ deviceId: device.id, acked: response.acked, pulled: response.ops.length, cursor: response.cursor }, 'sync round');
    return send(reply, req.headers[ACCEPT_BODY_ENCODING_HEADER], 200, response);
  });

  return app;
}
