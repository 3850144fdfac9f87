import type { ParsedInput } from '../contract';
import { authorize } from '../domain/authority';
import type { Person, Site, Team } from '../domain/entities';
import { JiebangError, ruleError } from '../domain/errors';
import type { ServiceContext } from './context';
import { requireActor } from './context';
import { find, listAll, listWhere, load } from './read';
import { newId, write } from './write';

/** Sites, people and teams (单位, 人员, 突击队); and the device's session. */

const SETTING_PERSON = 'current_person_id';

export function getSetting(ctx: ServiceContext, key: string): string | null {
  return (ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
}

export function setSetting(ctx: ServiceContext, key: string, value: string): void {
  ctx.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

export function currentPersonId(ctx: ServiceContext): string | null {
  return getSetting(ctx, SETTING_PERSON);
}

export function sessionGet(ctx: ServiceContext) {
  const person = ctx.actorId ? find(ctx, 'person', ctx.actorId) : null;
  const site = person ? find(ctx, 'site', person.siteId) : null;
  const replicaId = (ctx.db.prepare('SELECT id FROM replica').pluck().get() as string | undefined) ?? null;
  const peopleCount = ctx.db.prepare('SELECT count(*) FROM people').pluck().get() as number;
  return { person, site, replicaId, needsSetup: peopleCount === 0 };
}

/** Chooses who is using this device (the demo lets you act as anyone; enrolment fixes it later). */
export function sessionSwitchPerson(ctx: ServiceContext, input: ParsedInput<'session.switchPerson'>) {
  const person = load(ctx, 'person', input.personId);
  if (!person.active) throw ruleError(`${person.name} 已停用，不能作为当前用户`, `${person.name} is deactivated`);
  setSetting(ctx, SETTING_PERSON, person.id);
  ctx.actorId = person.id;
  return sessionGet(ctx);
}

/** First run: the HQ site and its first administrator. Refused once anyone exists. */
export function setupInitialize(ctx: ServiceContext, input: ParsedInput<'setup.initialize'>) {
  const count = ctx.db.prepare('SELECT count(*) FROM people').pluck().get() as number;
  if (count > 0) throw ruleError('已经初始化过，不能再次初始化', 'This database is already set up');
  const siteId = newId();
  const adminId = newId();
  const now = ctx.now().toISOString();
  // the administrator does not exist yet, so this one write is attributed to the person it creates
  const bootstrapActor = { id: adminId, name: input.admin.name, siteId, roles: ['hq_admin'] as const };
  write(ctx, 'setup.initialize', bootstrapActor, (w) => {
    w.put('site', siteId, { ...input.site, createdAt: now });
    w.put('person', adminId, { ...input.admin, siteId, roles: ['hq_admin'], active: true, createdAt: now });
    w.event('setup.initialize', 'site', siteId, null, { adminId });
  });
  setSetting(ctx, SETTING_PERSON, adminId);
  ctx.actorId = adminId;
  return sessionGet(ctx);
}

export function sitesList(ctx: ServiceContext): Site[] {
  return listAll(ctx, 'site', 'code');
}

export function sitesCreate(ctx: ServiceContext, input: ParsedInput<'sites.create'>): Site {
  const actor = requireActor(ctx);
  authorize(actor, 'site.manage');
  const duplicate = ctx.db.prepare('SELECT id FROM sites WHERE code = ?').get(input.code);
  if (duplicate) throw ruleError(`单位编码「${input.code}」已存在`, `Site code ${input.code} already exists`);
  const id = newId();
  write(ctx, 'sites.create', actor, (w) => {
    w.put('site', id, { ...input, createdAt: w.nowIso() });
    w.event('site.create', 'site', id, null, { name: input.name });
  });
  return load(ctx, 'site', id);
}

export function sitesUpdate(ctx: ServiceContext, input: ParsedInput<'sites.update'>): Site {
  const actor = requireActor(ctx);
  authorize(actor, 'site.manage');
  const { id, ...fields } = input;
  load(ctx, 'site', id);
  write(ctx, 'sites.update', actor, (w) => {
    w.put('site', id, fields);
    w.event('site.update', 'site', id, null, { fields: Object.keys(fields) });
  });
  return load(ctx, 'site', id);
}

export function peopleList(ctx: ServiceContext, input: ParsedInput<'people.list'>): Person[] {
  return input.siteId ? listWhere(ctx, 'person', 'site_id', input.siteId, 'name') : listAll(ctx, 'person', 'name');
}

/** A person with their challenges (as leader or claimant) and the pledges naming them. */
export function peopleGet(ctx: ServiceContext, input: ParsedInput<'people.get'>) {
  const person = load(ctx, 'person', input.id);
  const challenges = ctx.db
    .prepare(
      `SELECT DISTINCT c.id, c.code, c.title, c.status FROM challenges c
       LEFT JOIN claims k ON k.challenge_id = c.id
       WHERE c.leader_id = ? OR k.applicant_id = ? ORDER BY c.code`,
    )
    .all(person.id, person.id) as { id: string; code: string; title: string; status: string }[];
  const pledges = ctx.db
    .prepare(
      `SELECT id, number, title, status, version FROM pledges
       WHERE pledger_id = ? OR issuer_id = ? OR supervisor_id = ? OR EXISTS (SELECT 1 FROM json_each(pledges.witness_ids) WHERE value = ?)
       ORDER BY number, version`,
    )
    .all(person.id, person.id, person.id, person.id) as { id: string; number: string; title: string; status: string; version: number }[];
  const teams = listAll(ctx, 'team').filter((t) => t.leaderId === person.id || t.memberIds.includes(person.id));
  return { person, challenges, pledges, teams };
}

function requireSite(ctx: ServiceContext, siteId: string): Site {
  const site = find(ctx, 'site', siteId);
  if (!site) throw new JiebangError('VALIDATION', `单位不存在（${siteId}）`, `Site ${siteId} does not exist`);
  return site;
}

export function peopleCreate(ctx: ServiceContext, input: ParsedInput<'people.create'>): Person {
  const actor = requireActor(ctx);
  authorize(actor, 'person.manage');
  requireSite(ctx, input.siteId);
  const id = newId();
  write(ctx, 'people.create', actor, (w) => {
    w.put('person', id, { ...input, active: true, createdAt: w.nowIso() });
    w.event('person.create', 'person', id, null, { name: input.name });
  });
  return load(ctx, 'person', id);
}

export function peopleUpdate(ctx: ServiceContext, input: ParsedInput<'people.update'>): Person {
  const actor = requireActor(ctx);
  authorize(actor, 'person.manage');
  const { id, ...fields } = input;
  load(ctx, 'person', id);
  if (fields.siteId) requireSite(ctx, fields.siteId);
  write(ctx, 'people.update', actor, (w) => {
    w.put('person', id, fields);
    w.event('person.update', 'person', id, null, { fields: Object.keys(fields) });
  });
  return load(ctx, 'person', id);
}

export function teamsList(ctx: ServiceContext, input: ParsedInput<'teams.list'>): Team[] {
  return input.siteId ? listWhere(ctx, 'team', 'site_id', input.siteId, 'name') : listAll(ctx, 'team', 'name');
}

function checkMembers(ctx: ServiceContext, ids: readonly string[]): void {
  for (const personId of ids) {
    if (!find(ctx, 'person', personId)) throw new JiebangError('VALIDATION', `人员不存在（${personId}）`, `Person ${personId} does not exist`);
  }
}

export function teamsCreate(ctx: ServiceContext, input: ParsedInput<'teams.create'>): Team {
  const actor = requireActor(ctx);
  authorize(actor, 'team.manage', { siteId: input.siteId });
  requireSite(ctx, input.siteId);
  const memberIds = [...new Set([input.leaderId, ...input.memberIds])];
  checkMembers(ctx, memberIds);
  const id = newId();
  write(ctx, 'teams.create', actor, (w) => {
    w.put('team', id, { ...input, memberIds, createdAt: w.nowIso() });
    w.event('team.create', 'team', id, null, { name: input.name });
  });
  return load(ctx, 'team', id);
}

export function teamsUpdate(ctx: ServiceContext, input: ParsedInput<'teams.update'>): Team {
  const actor = requireActor(ctx);
  const { id, ...fields } = input;
  const team = load(ctx, 'team', id);
  authorize(actor, 'team.manage', { siteId: team.siteId });
  const leaderId = fields.leaderId ?? team.leaderId;
  const memberIds = fields.memberIds ? [...new Set([leaderId, ...fields.memberIds])] : undefined;
  checkMembers(ctx, [leaderId, ...(memberIds ?? [])]);
  write(ctx, 'teams.update', actor, (w) => {
    w.put('team', id, { ...fields, memberIds });
    w.event('team.update', 'team', id, null, { fields: Object.keys(fields) });
  });
  return load(ctx, 'team', id);
}
