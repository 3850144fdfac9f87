/**
 * The replicated entities: which table each lives in and which columns sync carries.
 * Ops name an entity and a field from this registry only, so a column name never
 * comes from untrusted input. A test checks this registry against the real schema.
 */
export type ColumnKind = 'text' | 'int' | 'real' | 'bool' | 'json';

export interface EntityDef {
  table: string;
  /** append-only records never change after creation, so they need no field clocks */
  appendOnly: boolean;
  columns: Record<string, ColumnKind>;
}

export const ENTITIES = {
  site: {
    table: 'sites',
    appendOnly: false,
    columns: { code: 'text', name: 'text', kind: 'text', link_profile: 'text', time_zone: 'text', created_at: 'text' },
  },
  person: {
    table: 'people',
    appendOnly: false,
    columns: {
      name: 'text', site_id: 'text', post: 'text', party_member: 'bool', party_branch: 'text', roles: 'json',
      active: 'bool', created_at: 'text',
    },
  },
  team: {
    table: 'teams',
    appendOnly: false,
    columns: { name: 'text', site_id: 'text', leader_id: 'text', member_ids: 'json', description: 'text', created_at: 'text' },
  },
  board: {
    table: 'boards',
    appendOnly: false,
    columns: {
      title: 'text', source: 'text', issuer_site_id: 'text', issuer_id: 'text', description: 'text', rules: 'text',
      process: 'text', assessment_standard: 'text', period_start: 'text', period_end: 'text', status: 'text',
      created_at: 'text', updated_at: 'text',
    },
  },
  challenge: {
    table: 'challenges',
    appendOnly: false,
    columns: {
      board_id: 'text', parent_id: 'text', code: 'text', title: 'text', category: 'text', background: 'text',
      kpis: 'json', eligibility: 'text', acceptance_criteria: 'text', reward: 'text', deadline: 'text',
      team_mode: 'text', required: 'bool', site_id: 'text', leader_id: 'text', status: 'text',
      status_reason: 'text', created_at: 'text', updated_at: 'text',
    },
  },
  claim: {
    table: 'claims',
    appendOnly: false,
    columns: {
      challenge_id: 'text', applicant_id: 'text', team_id: 'text', plan: 'text', members: 'json', status: 'text',
      status_reason: 'text', submitted_at: 'text',
    },
  },
  appointment: {
    table: 'appointments',
    appendOnly: false,
    columns: {
      challenge_id: 'text', claim_id: 'text', leader_id: 'text', decided_by: 'text', decided_at: 'text',
      publicity_start: 'text', publicity_end: 'text', note: 'text',
    },
  },
  pledge: {
    table: 'pledges',
    appendOnly: false,
    columns: {
      challenge_id: 'text', appointment_id: 'text', version: 'int', supersedes_id: 'text', number: 'text', title: 'text',
      text: 'text', commitments: 'json', rewards: 'json', penalties: 'json', exemptions: 'json', pledger_id: 'text',
      issuer_id: 'text', supervisor_id: 'text', witness_ids: 'json', deadline: 'text', status: 'text',
      text_hash: 'text', amendment_reason: 'text', created_at: 'text', updated_at: 'text',
    },
  },
  signature: {
    table: 'signatures',
    appendOnly: true,
    columns: {
      pledge_id: 'text', person_id: 'text', party_role: 'text', signed_at: 'text', replica_id: 'text',
      site_id: 'text', text_hash: 'text',
    },
  },
  milestone: {
    table: 'milestones',
    appendOnly: false,
    columns: {
      pledge_id: 'text', challenge_id: 'text', seq: 'int', title: 'text', due_date: 'text', deliverable: 'text',
      evidence_required: 'text', status: 'text', reported_at: 'text', report_note: 'text', verified_by: 'text',
      verified_at: 'text', reject_reason: 'text', copied_from_id: 'text',
    },
  },
  progress: {
    table: 'progress_entries',
    appendOnly: true,
    columns: {
      challenge_id: 'text', site_id: 'text', author_id: 'text', date: 'text', work_done: 'text', percent: 'int',
      problems: 'text', next_steps: 'text', safety_notes: 'text', attachment_ids: 'json', created_at: 'text',
    },
  },
  attachment: {
    table: 'attachments',
    // mutable since migration 9: only the removal mark ever changes (the hub refuses anything else)
    appendOnly: false,
    columns: {
      sha256: 'text', name: 'text', mime: 'text', size: 'int', captured_at: 'text', author_id: 'text',
      gps_lat: 'real', gps_lon: 'real', owner_entity: 'text', owner_id: 'text', created_at: 'text',
      challenge_id: 'text', site_id: 'text', thumb_sha256: 'text', thumb_size: 'int', width: 'int', height: 'int',
      removed_at: 'text', removed_by: 'text',
    },
  },
  acceptance: {
    table: 'acceptances',
    appendOnly: false,
    columns: {
      challenge_id: 'text', requested_by: 'text', requested_at: 'text', request_note: 'text', criteria_results: 'json',
      decision: 'text', acceptor_id: 'text', decided_at: 'text', decision_note: 'text',
    },
  },
  assessment: {
    table: 'assessments',
    appendOnly: false,
    columns: {
      challenge_id: 'text', score: 'real', grade: 'text', pledge_outcome: 'text', rewards_applied: 'text',
      penalties_applied: 'text', assessor_id: 'text', assessed_at: 'text', note: 'text',
    },
  },
  case: {
    table: 'cases',
    appendOnly: false,
    columns: {
      challenge_id: 'text', title: 'text', problem: 'text', solution: 'text', results: 'text', tags: 'json',
      promoted_by: 'text', promoted_at: 'text',
    },
  },
  event: {
    table: 'events',
    appendOnly: true,
    columns: {
      entity: 'text', entity_id: 'text', challenge_id: 'text', action: 'text', actor_id: 'text', site_id: 'text',
      replica_id: 'text', at: 'text', hlc: 'text', detail: 'json',
    },
  },
} as const satisfies Record<string, EntityDef>;

export type EntityName = keyof typeof ENTITIES;
export const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

export function isEntityName(name: string): name is EntityName {
  return Object.hasOwn(ENTITIES, name);
}

export function isField(entity: EntityName, field: string): boolean {
  return Object.hasOwn(ENTITIES[entity].columns, field);
}
