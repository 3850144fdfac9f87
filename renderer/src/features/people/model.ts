import type { TFunction } from 'i18next';
import type { Output } from '../../../../main/contract/index';
import type { Role } from '../../../../main/domain/vocabulary';
import type { Session } from '../../lib/session';

export type Person = Output<'people.list'>[number];
export type Team = Output<'teams.list'>[number];
export type Site = Output<'sites.list'>[number];

// every role of the domain, checked complete by the compiler (the renderer imports types only)
const ROLE_SET: Record<Role, true> = { hq_admin: true, hq_officer: true, site_lead: true, site_member: true, supervisor: true };
export const ROLE_CODES = Object.keys(ROLE_SET) as Role[];

/** Limits of the person and team schemas (main/domain/entities.ts), said by the form before the service has to. */
export const LIMITS = { name: 200, post: 100, branch: 100, description: 2000 } as const;

export function rolesOf(session: Session | null): readonly Role[] {
  return session?.person?.roles ?? [];
}

/** The service allows people.create / people.update to HQ administrators only (authority.ts person.manage). */
export function mayManagePeople(session: Session | null): boolean {
  return rolesOf(session).includes('hq_admin');
}

/** team.manage: HQ anywhere, a site lead at their own site. */
export function mayManageTeam(session: Session | null, siteId: string | null): boolean {
  const roles = rolesOf(session);
  if (roles.includes('hq_admin') || roles.includes('hq_officer')) return true;
  return roles.includes('site_lead') && (siteId === null || session?.person?.siteId === siteId);
}

/** "总部管理员、监督人" / "HQ administrator, Supervisor" */
export function roleNames(roles: readonly string[], t: TFunction, language: string): string {
  const sep = language.startsWith('zh') ? '、' : ', ';
  return roles.map((r) => t(`domain:role.${r}`)).join(sep);
}

/** Names are Chinese whatever the reader's language: pinyin order, as a directory is read. */
export const NAME_COLLATOR = new Intl.Collator('zh-CN');

export function byName<T extends { name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => NAME_COLLATOR.compare(a.name, b.name));
}
