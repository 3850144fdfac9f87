import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../db/open';
import { HubError } from './errors';

/**
 * Device enrolment: HQ makes a one-time code for a person at a site; a device trades it once for a
 * token bound to its replica id. Only hashes of codes and tokens are stored.
 */
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const ENROLMENT_DAYS = 14;

export interface Device {
  id: string;
  replicaId: string | null;
  personId: string;
  siteId: string;
  label: string;
}

/** A readable one-time code, e.g. `K7QF-3MZP-X2VA` (no 0/O/1/I to misread over a phone line). */
function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function createEnrolment(db: Db, input: { personId: string; label: string }, now = new Date()): { code: string; expiresAt: string } {
  const person = db.prepare('SELECT id, site_id FROM people WHERE id = ?').get(input.personId) as { id: string; site_id: string } | undefined;
  if (!person) throw new HubError(404, 'UNKNOWN_PERSON', `人员不存在：${input.personId}`, `No such person: ${input.personId}`);
  const code = newCode();
  const expiresAt = new Date(now.getTime() + ENROLMENT_DAYS * 86_400_000).toISOString();
  db.prepare('INSERT INTO hub_enrolments (code_hash, person_id, site_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    sha256(normaliseCode(code)), person.id, person.site_id, input.label, now.toISOString(), expiresAt,
  );
  return { code, expiresAt };
}

const normaliseCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export function redeemEnrolment(db: Db, code: string, replicaId: string, now = new Date()): { device: Device; token: string } {
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM hub_enrolments WHERE code_hash = ?').get(sha256(normaliseCode(code))) as
      | { code_hash: string; person_id: string; site_id: string; label: string; expires_at: string; used_at: string | null }
      | undefined;
    if (!row) throw new HubError(403, 'BAD_CODE', '注册码无效', 'The enrolment code is not valid');
    if (row.used_at) throw new HubError(403, 'CODE_USED', '注册码已被使用', 'The enrolment code has already been used');
    if (row.expires_at < now.toISOString()) throw new HubError(403, 'CODE_EXPIRED', '注册码已过期', 'The enrolment code has expired');
    const taken = db.prepare('SELECT id FROM hub_devices WHERE replica_id = ?').get(replicaId);
    if (taken) throw new HubError(409, 'REPLICA_TAKEN', '该副本已注册为另一台设备', 'This replica is already enrolled as another device');
    const token = randomBytes(32).toString('base64url');
    const device: Device = { id: randomUUID(), replicaId, personId: row.person_id, siteId: row.site_id, label: row.label };
    db.prepare(
      'INSERT INTO hub_devices (id, token_hash, replica_id, person_id, site_id, label, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(device.id, sha256(token), replicaId, device.personId, device.siteId, device.label, now.toISOString());
    db.prepare('UPDATE hub_enrolments SET used_at = ?, device_id = ? WHERE code_hash = ?').run(now.toISOString(), device.id, row.code_hash);
    return { device, token };
  }).immediate();
}

export function authenticate(db: Db, authorization: string | undefined): Device {
  const token = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(authorization ?? '')?.[1];
  if (!token) throw new HubError(401, 'NO_TOKEN', '缺少设备令牌', 'A device token is required');
  const row = db.prepare('SELECT id, replica_id, person_id, site_id, label, revoked_at FROM hub_devices WHERE token_hash = ?').get(sha256(token)) as
    | { id: string; replica_id: string | null; person_id: string; site_id: string; label: string; revoked_at: string | null }
    | undefined;
  if (!row) throw new HubError(401, 'BAD_TOKEN', '设备令牌无效', 'The device token is not valid');
  if (row.revoked_at) throw new HubError(401, 'REVOKED', '设备令牌已被吊销，请重新注册', 'The device token was revoked; enrol the device again');
  return { id: row.id, replicaId: row.replica_id, personId: row.person_id, siteId: row.site_id, label: row.label };
}

export function revokeDevice(db: Db, deviceId: string, now = new Date()): boolean {
  return db.prepare('UPDATE hub_devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL').run(now.toISOString(), deviceId).changes > 0;
}

export function listDevices(db: Db) {
  return db.prepare('SELECT id, label, person_id AS personId, site_id AS siteId, replica_id AS replicaId, created_at AS createdAt, revoked_at AS revokedAt, last_seen_at AS lastSeenAt FROM hub_devices ORDER BY created_at').all();
}
