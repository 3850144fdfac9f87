import type { Output } from '../../../../main/contract/index';

/** What the 军令状 views read, as the services answer it. */
export type PledgeView = Output<'pledges.get'>;
export type Pledge = PledgeView['pledge'];
export type PledgeMilestone = PledgeView['milestones'][number];
export type PledgeSignature = PledgeView['signatures'][number];
export type ChallengeDetail = Output<'challenges.get'>;
export type Person = Output<'people.list'>[number];
export type Site = Output<'sites.list'>[number];
export type PartyRole = PledgeSignature['partyRole'];

/** Statuses in which the required parties sign; a witness may also sign a signed or active pledge. */
const SIGNING: readonly string[] = ['ready_to_sign', 'partially_signed'];
const WITNESS_LATE: readonly string[] = ['signed', 'active'];

/** The party roles this person holds on the pledge, in the document's order. */
export function rolesOf(pledge: Pick<Pledge, 'pledgerId' | 'issuerId' | 'supervisorId' | 'witnessIds'>, personId: string | null | undefined): PartyRole[] {
  if (!personId) return [];
  const roles: PartyRole[] = [];
  if (pledge.pledgerId === personId) roles.push('pledger');
  if (pledge.issuerId === personId) roles.push('issuer');
  if (pledge.supervisorId === personId) roles.push('supervisor');
  if (pledge.witnessIds.includes(personId)) roles.push('witness');
  return roles;
}

/** The roles this person may sign as now: held, not yet signed, and the status allows it. */
export function signableRoles(view: Pick<PledgeView, 'pledge' | 'signatures'>, personId: string | null | undefined): PartyRole[] {
  const { pledge, signatures } = view;
  return rolesOf(pledge, personId).filter((role) => {
    if (signatures.some((s) => s.personId === personId && s.partyRole === role)) return false;
    if (SIGNING.includes(pledge.status)) return true;
    return role === 'witness' && WITNESS_LATE.includes(pledge.status);
  });
}

/** One line of the signature block: a named party and their signature, if any. */
export interface SignatureSlot {
  role: PartyRole;
  personId: string;
  required: boolean;
  signature: PledgeSignature | null;
}

export function signatureSlots(view: Pick<PledgeView, 'pledge' | 'signatures'>): SignatureSlot[] {
  const { pledge, signatures } = view;
  const find = (role: PartyRole, personId: string) => signatures.find((s) => s.partyRole === role && s.personId === personId) ?? null;
  const slots: SignatureSlot[] = [
    { role: 'pledger', personId: pledge.pledgerId, required: true, signature: find('pledger', pledge.pledgerId) },
    { role: 'issuer', personId: pledge.issuerId, required: true, signature: find('issuer', pledge.issuerId) },
  ];
  if (pledge.supervisorId) slots.push({ role: 'supervisor', personId: pledge.supervisorId, required: true, signature: find('supervisor', pledge.supervisorId) });
  for (const w of pledge.witnessIds) slots.push({ role: 'witness', personId: w, required: false, signature: find('witness', w) });
  return slots;
}

export const DRAFTING: readonly string[] = ['draft', 'ready_to_sign', 'partially_signed'];
export const AMENDABLE: readonly string[] = ['signed', 'active'];

/** "3f2a9c1b…e07d": enough of a sha256 to compare by eye; the full one is on hover and in print. */
export function shortHash(hash: string): string {
  return hash.length > 16 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}

/** 1 → 一, 12 → 十二, 21 → 二十一 (clause numbers of a Chinese document; up to 99). */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 0 || n > 99) return String(n);
  if (n < 10) return digits[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : digits[tens]}十${ones === 0 ? '' : digits[ones]}`;
}

/** The heading a 军令状 text customarily starts with (whatever language the reader uses). */
const CUSTOMARY_HEADING = '军令状';

/** The pledge text without a first line that only repeats the document's heading (the view shows it). */
export function bodyParagraphs(text: string, heading: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && lines[0]?.trim() === '') lines.shift();
  const first = lines[0]?.trim().replace(/\s+/g, '');
  if (first !== undefined && (first === CUSTOMARY_HEADING || first === heading.replace(/\s+/g, ''))) lines.shift();
  const paragraphs: string[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    paragraphs.push(line.trim());
  }
  return paragraphs;
}

/** "3500 m", "15%", "通过": a target with its unit (symbols stick to the number). */
export function targetWithUnit(target: string, unit: string): string {
  const v = target.trim();
  const u = unit.trim();
  if (!u) return v;
  if (!/\d/.test(v)) return `${v}（${u}）`;
  return /^[%°‰℃]/.test(u) || /^[\u4e00-\u9fff]/.test(u) ? `${v}${u}` : `${v} ${u}`;
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Today on this device as YYYY-MM-DD (the local calendar day). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
