import type { Db } from '../db/open';
import type { SiteBundleBody } from '../sync/bundle';
import { BundleError, bundleKey, openBundle, readBundleHeader, writeBundle } from '../sync/bundle';
import type { PulledWireOp, SyncResponse } from '../sync/protocol';
import { PROTOCOL_VERSION } from '../sync/protocol';
import type { Device } from './devices';
import { handleSync } from './exchange';

/** The ops of one request at most (the protocol's limit); a bundle from weeks offline is applied in such slices. */
const SLICE = 20_000;
/** Pulled ops carried back in one reply, uncompressed JSON bytes; the rest travels with the next bundle. */
const REPLY_BUDGET = 64_000_000;

/**
 * At HQ: verifies a site's bundle, applies it exactly as sync requests (so twice = once), and writes
 * the reply bundle for the trip back.
 */
export function importSiteBundle(db: Db, file: Buffer, now = Date.now()): { reply: Buffer; response: SyncResponse; device: Device } {
  const { header, body } = readBundleHeader(file);
  if (header.kind !== 'site-to-hub') throw new BundleError('这是总部发往现场的包，应在现场导入', 'This bundle goes from HQ to a site; import it at the site');
  const row = db.prepare('SELECT id, token_hash, replica_id, person_id, site_id, label, revoked_at FROM hub_devices WHERE id = ?').get(header.deviceId) as
    | { id: string; token_hash: string; replica_id: string | null; person_id: string; site_id: string; label: string; revoked_at: string | null }
    | undefined;
  if (!row) throw new BundleError('同步包来自未注册的设备', 'The bundle comes from a device this hub does not know');
  if (row.revoked_at) throw new BundleError('该设备已被吊销', 'This device has been revoked');
  const content = openBundle(header, body, bundleKey(row.token_hash)) as SiteBundleBody;
  const device: Device = { id: row.id, replicaId: row.replica_id, personId: row.person_id, siteId: row.site_id, label: row.label };

  const refused: SyncResponse['refused'] = [];
  let last: SyncResponse | null = null;
  const request = (ops: SiteBundleBody['ops'], cursor: number, pullBudget: number) =>
    handleSync(db, device, { v: PROTOCOL_VERSION, replicaId: header.replicaId, schemaVersion: content.schemaVersion, cursor, ops, pullBudget }, now);
  for (let i = 0; i < content.ops.length; i += SLICE) {
    last = request(content.ops.slice(i, i + SLICE), content.cursor, 1_000);
    refused.push(...last.refused);
  }
  // then what the site lacks, from its cursor, as much as one reply carries
  const pulled: PulledWireOp[] = [];
  let cursor = content.cursor;
  let more = true;
  let size = 0;
  while (more && size < REPLY_BUDGET) {
    last = request([], cursor, 4_000_000);
    pulled.push(...last.ops);
    size += JSON.stringify(last.ops).length;
    cursor = last.cursor;
    more = last.more;
  }
  const response: SyncResponse = { ...(last as SyncResponse), refused, ops: pulled, cursor, more };
  const reply = writeBundle('hub-to-site', { deviceId: row.id, replicaId: header.replicaId }, bundleKey(row.token_hash), response, new Date(now));
  return { reply, response, device };
}
