import type { Actor } from './authority';
import { isHq } from './authority';

/**
 * The hub's second look at authority (DESIGN.md §2): every field change a device sends is checked
 * against who that device's person is, using the hub's own state. The device already refused these
 * locally; they reach the hub only from an outdated or tampered client, or after a role changed at
 * HQ while the site was offline. Pure: the caller supplies the rows it knows.
 */
export interface OpFacts {
  entity: string;
  rowId: string;
  field: string;
  value: unknown;
}

/** What the hub knows about the row an op touches (undefined: not known yet, e.g. created in this batch). */
export interface RowFacts {
  /** the row as the hub holds it, columns by name, or null when the row is new */
  current: Record<string, unknown> | null;
  /** the site of the challenge this row belongs to, when known */
  challengeSiteId?: string | null;
  /** for a new milestone copied by an amendment: the milestone it names as its source, as the hub holds it */
  copiedFrom?: Record<string, unknown> | null;
  /** the challenge the new milestone row names in the same batch */
  copiedFromChallengeId?: string | null;
}

export interface OpRefusal {
  code: 'HQ_ONLY' | 'OTHER_SITE' | 'NOT_YOURS' | 'SIGNED_PLEDGE' | 'NOT_ALLOWED' | 'WITH_REFUSED';
  reason: string;
  reasonEn: string;
}

const refuse = (code: OpRefusal['code'], reason: string, reasonEn: string): OpRefusal => ({ code, reason, reasonEn });

/** Rows only HQ creates or changes. */
const HQ_ENTITIES = new Set(['site', 'person', 'board', 'appointment', 'assessment', 'case']);

/** Pledge fields that make up its signed text: frozen once anyone has signed. */
const PLEDGE_TEXT_FIELDS = new Set([
  'challenge_id', 'version', 'number', 'title', 'text', 'commitments', 'rewards', 'penalties', 'exemptions',
  'pledger_id', 'issuer_id', 'supervisor_id', 'witness_ids', 'deadline',
]);
const FROZEN_PLEDGE = new Set(['partially_signed', 'signed', 'active', 'fulfilled', 'partially_fulfilled', 'unfulfilled_excused', 'unfulfilled', 'abandoned', 'superseded']);

/** Status values a site may set, per entity (the rest are HQ's decisions). */
const SITE_STATUSES: Record<string, Set<string>> = {
  challenge: new Set(['pledged', 'in_progress', 'acceptance_requested']),
  claim: new Set(['submitted', 'withdrawn']),
  pledge: new Set(['draft', 'ready_to_sign', 'partially_signed', 'signed', 'active', 'superseded']),
  milestone: new Set(['in_progress', 'reported']),
};
const ATTACHMENT_REMOVAL_FIELDS = new Set(['removed_at', 'removed_by']);
const SUPERVISOR_MILESTONE_FIELDS = new Set(['status', 'verified_by', 'verified_at', 'reject_reason']);

export function refuseOp(actor: Actor, op: OpFacts, row: RowFacts): OpRefusal | null {
  const current = row.current;
  // immutability of signed text binds everyone, HQ included: a change is an amendment (a new version)
  if (
    op.entity === 'pledge' && current && FROZEN_PLEDGE.has(String(current.status)) && PLEDGE_TEXT_FIELDS.has(op.field) &&
    JSON.stringify(current[op.field] ?? null) !== JSON.stringify(op.value ?? null)
  ) {
    return refuse('SIGNED_PLEDGE', '军令状已签署，内容不能修改（请走修订）', 'The pledge is signed; its text cannot change (amend it instead)');
  }
  if (isHq(actor)) return null;

  if (HQ_ENTITIES.has(op.entity)) {
    return refuse('HQ_ONLY', `只有总部可以修改${op.entity}`, `Only HQ may change a ${op.entity}`);
  }
  // a new milestone row may carry a copied status (amendments copy the plan with its progress), but only
  // the status its source has at the hub, on the same challenge: anything else would be a forged 已核验
  const copiedMilestone = op.entity === 'milestone' && current === null && (
    op.value === 'planned' ||
    (!!row.copiedFrom && row.copiedFrom.status === op.value && row.copiedFrom.challenge_id === row.copiedFromChallengeId)
  );
  if (op.field === 'status' && SITE_STATUSES[op.entity] && !SITE_STATUSES[op.entity]!.has(String(op.value)) && !copiedMilestone) {
    const supervisorVerdict = op.entity === 'milestone' && actor.roles.includes('supervisor') && ['verified', 'rejected'].includes(String(op.value));
    if (!supervisorVerdict) {
      return refuse('HQ_ONLY', `「${String(op.value)}」状态只能由总部设定`, `Only HQ may set ${op.entity} status ${String(op.value)}`);
    }
  }
  const onOtherSite = row.challengeSiteId !== undefined && row.challengeSiteId !== null && row.challengeSiteId !== actor.siteId;
  const supervisor = actor.roles.includes('supervisor');
  switch (op.entity) {
    case 'event':
      if (op.field === 'actor_id' && op.value !== actor.id) return refuse('NOT_YOURS', '留痕必须记在本人名下', 'An event must name the device’s own person');
      return null;
    case 'signature':
      if (op.field === 'person_id' && op.value !== actor.id) return refuse('NOT_YOURS', '只能以本人身份签名', 'A device can sign only as its own person');
      return null;
    case 'attachment':
      // evidence is registered once; afterwards only its removal mark may change, and only by its author
      if (current && !ATTACHMENT_REMOVAL_FIELDS.has(op.field) && JSON.stringify(current[op.field] ?? null) !== JSON.stringify(op.value ?? null)) {
        return refuse('NOT_ALLOWED', '佐证材料登记后不能修改', 'Evidence cannot be changed once registered');
      }
      if (current && ATTACHMENT_REMOVAL_FIELDS.has(op.field) && current.author_id !== actor.id) {
        return refuse('NOT_YOURS', '只能移除本人上传的佐证材料', 'Only the author may remove a piece of evidence');
      }
      if (op.field === 'removed_by' && op.value !== null && op.value !== actor.id) {
        return refuse('NOT_YOURS', '移除记录必须记在本人名下', 'A removal must name the device’s own person');
      }
      return ownEntry(actor, op, onOtherSite && !supervisor);
    case 'progress':
      return ownEntry(actor, op, onOtherSite && !supervisor);
    case 'claim':
      if (op.field === 'applicant_id' && op.value !== actor.id) return refuse('NOT_YOURS', '只能以本人名义揭榜', 'A claim is made only in the device’s own name');
      if (current && current.applicant_id !== actor.id) return refuse('NOT_YOURS', '不能修改他人的揭榜申请', 'Another person’s claim cannot be changed');
      return null;
    case 'team':
      if ((op.field === 'site_id' && op.value !== actor.siteId) || (current && current.site_id !== actor.siteId)) {
        return refuse('OTHER_SITE', '只能管理本单位的突击队', 'Only teams of the device’s own site');
      }
      return actor.roles.includes('site_lead') ? null : refuse('NOT_ALLOWED', '只有现场负责人可以管理突击队', 'Only a site lead manages teams');
    case 'acceptance':
      if (['decision', 'acceptor_id', 'decided_at', 'decision_note'].includes(op.field) && op.value !== null) {
        return refuse('HQ_ONLY', '验收结论只能由总部作出', 'Only HQ decides an acceptance');
      }
      return onOtherSite ? refuse('OTHER_SITE', '只能为本单位的榜题申请验收', 'Acceptance only for challenges of the device’s own site') : null;
    case 'milestone':
      if (supervisor && SUPERVISOR_MILESTONE_FIELDS.has(op.field)) return null;
      return onOtherSite ? refuse('OTHER_SITE', '只能推进本单位榜题的节点', 'Milestones only of the device’s own site') : null;
    case 'challenge':
      if (!['status', 'status_reason', 'updated_at'].includes(op.field)) return refuse('HQ_ONLY', '榜题内容只能由总部修改', 'Only HQ edits a challenge');
      // starting, resuming and asking for acceptance are the site lead's; 'pledged' follows the last signature
      if (op.field === 'status' && op.value !== 'pledged' && !actor.roles.includes('site_lead')) {
        return refuse('NOT_ALLOWED', '只有现场负责人可以推进榜题状态', 'Only a site lead moves a challenge along');
      }
      return onOtherSite ? refuse('OTHER_SITE', '只能推进本单位的榜题', 'Only challenges of the device’s own site') : null;
    case 'pledge':
      if ((op.field === 'pledger_id' && op.value !== actor.id) || (current && current.pledger_id !== actor.id && !['status', 'updated_at', 'text_hash'].includes(op.field))) {
        return refuse('NOT_YOURS', '只能修改本人的军令状', 'Only the pledger’s own pledge can be edited at a site');
      }
      return onOtherSite ? refuse('OTHER_SITE', '只能处理本单位的军令状', 'Only pledges of the device’s own site') : null;
    default:
      return refuse('NOT_ALLOWED', `未知的记录类型：${op.entity}`, `Unknown record type ${op.entity}`);
  }
}

/** Progress entries and evidence are recorded in the device's own name, for its own site's challenges. */
function ownEntry(actor: Actor, op: OpFacts, otherSite: boolean): OpRefusal | null {
  if ((op.field === 'author_id' && op.value !== actor.id) || (op.field === 'site_id' && op.value !== actor.siteId)) {
    return refuse('NOT_YOURS', '只能以本人和本单位名义记录', 'Entries are recorded only as the device’s own person and site');
  }
  if (otherSite) return refuse('OTHER_SITE', '只能记录本单位的榜题', 'Only for challenges of the device’s own site');
  return null;
}
