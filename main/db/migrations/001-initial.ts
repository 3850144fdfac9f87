import type { Migration } from './types';

/** The domain tables, the op log and the local-only settings. */
export const migration001: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) => {
    db.exec(`
      -- Replicated tables carry no SQL foreign keys: sync may deliver a row's fields before its
      -- parent's, so references are checked by the domain when writing, not by SQLite.
      CREATE TABLE sites (
        id TEXT PRIMARY KEY, code TEXT, name TEXT, kind TEXT, link_profile TEXT, time_zone TEXT, created_at TEXT
      );
      CREATE TABLE people (
        id TEXT PRIMARY KEY, name TEXT, site_id TEXT, post TEXT, party_member INTEGER, party_branch TEXT,
        roles TEXT, active INTEGER, created_at TEXT
      );
      CREATE INDEX people_site ON people(site_id);
      CREATE TABLE teams (
        id TEXT PRIMARY KEY, name TEXT, site_id TEXT, leader_id TEXT, member_ids TEXT, description TEXT, created_at TEXT
      );
      CREATE TABLE boards (
        id TEXT PRIMARY KEY, title TEXT, source TEXT, issuer_site_id TEXT, issuer_id TEXT, description TEXT,
        rules TEXT, process TEXT, assessment_standard TEXT, period_start TEXT, period_end TEXT, status TEXT,
        created_at TEXT, updated_at TEXT
      );
      CREATE TABLE challenges (
        id TEXT PRIMARY KEY, board_id TEXT, parent_id TEXT, code TEXT, title TEXT, category TEXT, background TEXT,
        kpis TEXT, eligibility TEXT, acceptance_criteria TEXT, reward TEXT, deadline TEXT, team_mode TEXT,
        required INTEGER, site_id TEXT, leader_id TEXT, status TEXT, status_reason TEXT, created_at TEXT, updated_at TEXT
      );
      CREATE INDEX challenges_board ON challenges(board_id, status);
      CREATE INDEX challenges_parent ON challenges(parent_id);
      CREATE INDEX challenges_leader ON challenges(leader_id);
      CREATE TABLE claims (
        id TEXT PRIMARY KEY, challenge_id TEXT, applicant_id TEXT, team_id TEXT, plan TEXT, members TEXT,
        status TEXT, status_reason TEXT, submitted_at TEXT
      );
      CREATE INDEX claims_challenge ON claims(challenge_id);
      CREATE TABLE appointments (
        id TEXT PRIMARY KEY, challenge_id TEXT, claim_id TEXT, leader_id TEXT, decided_by TEXT, decided_at TEXT,
        publicity_start TEXT, publicity_end TEXT, note TEXT
      );
      CREATE INDEX appointments_challenge ON appointments(challenge_id);
      CREATE TABLE pledges (
        id TEXT PRIMARY KEY, challenge_id TEXT, appointment_id TEXT, version INTEGER, supersedes_id TEXT, number TEXT,
        title TEXT, text TEXT, commitments TEXT, rewards TEXT, penalties TEXT, exemptions TEXT, pledger_id TEXT,
        issuer_id TEXT, supervisor_id TEXT, witness_ids TEXT, deadline TEXT, status TEXT, text_hash TEXT,
        amendment_reason TEXT, created_at TEXT, updated_at TEXT
      );
      CREATE INDEX pledges_challenge ON pledges(challenge_id);
      CREATE TABLE signatures (
        id TEXT PRIMARY KEY, pledge_id TEXT, person_id TEXT, party_role TEXT, signed_at TEXT, replica_id TEXT,
        site_id TEXT, text_hash TEXT
      );
      CREATE INDEX signatures_pledge ON signatures(pledge_id);
      CREATE TABLE milestones (
        id TEXT PRIMARY KEY, pledge_id TEXT, challenge_id TEXT, seq INTEGER, title TEXT, due_date TEXT,
        deliverable TEXT, evidence_required TEXT, status TEXT, reported_at TEXT, report_note TEXT, verified_by TEXT,
        verified_at TEXT, reject_reason TEXT
      );
      CREATE INDEX milestones_challenge ON milestones(challenge_id);
      CREATE INDEX milestones_pledge ON milestones(pledge_id);
      CREATE TABLE progress_entries (
        id TEXT PRIMARY KEY, challenge_id TEXT, site_id TEXT, author_id TEXT, date TEXT, work_done TEXT,
        percent INTEGER, problems TEXT, next_steps TEXT, safety_notes TEXT, attachment_ids TEXT, created_at TEXT
      );
      CREATE INDEX progress_challenge ON progress_entries(challenge_id, date);
      CREATE TABLE attachments (
        id TEXT PRIMARY KEY, sha256 TEXT, name TEXT, mime TEXT, size INTEGER, captured_at TEXT, author_id TEXT,
        gps_lat REAL, gps_lon REAL, owner_entity TEXT, owner_id TEXT, created_at TEXT
      );
      CREATE INDEX attachments_owner ON attachments(owner_entity, owner_id);
      CREATE TABLE acceptances (
        id TEXT PRIMARY KEY, challenge_id TEXT, requested_by TEXT, requested_at TEXT, request_note TEXT,
        criteria_results TEXT, decision TEXT, acceptor_id TEXT, decided_at TEXT, decision_note TEXT
      );
      CREATE INDEX acceptances_challenge ON acceptances(challenge_id);
      CREATE TABLE assessments (
        id TEXT PRIMARY KEY, challenge_id TEXT, score REAL, grade TEXT, pledge_outcome TEXT, rewards_applied TEXT,
        penalties_applied TEXT, assessor_id TEXT, assessed_at TEXT, note TEXT
      );
      CREATE INDEX assessments_challenge ON assessments(challenge_id);
      CREATE TABLE cases (
        id TEXT PRIMARY KEY, challenge_id TEXT, title TEXT, problem TEXT, solution TEXT, results TEXT, tags TEXT,
        promoted_by TEXT, promoted_at TEXT
      );
      CREATE TABLE events (
        id TEXT PRIMARY KEY, entity TEXT, entity_id TEXT, challenge_id TEXT, action TEXT, actor_id TEXT, site_id TEXT,
        replica_id TEXT, at TEXT, hlc TEXT, detail TEXT
      );
      CREATE INDEX events_challenge ON events(challenge_id, hlc);
      CREATE INDEX events_entity ON events(entity_id, hlc);

      -- This install's identity as a replica (exactly one row).
      CREATE TABLE replica (
        id TEXT NOT NULL, last_hlc TEXT NOT NULL, next_seq INTEGER NOT NULL, created_at TEXT NOT NULL
      );
      -- Every field change ever applied here, in the order it was applied.
      CREATE TABLE sync_ops (
        log_id INTEGER PRIMARY KEY,
        replica_id TEXT NOT NULL,
        replica_seq INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        entity TEXT NOT NULL,
        row_id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT,
        schema_version INTEGER NOT NULL,
        acked INTEGER NOT NULL DEFAULT 0,
        UNIQUE (replica_id, replica_seq)
      );
      CREATE INDEX sync_ops_pending ON sync_ops(acked, replica_id);
      -- The winning clock of each mutable field: last writer wins, per field.
      CREATE TABLE field_clocks (
        entity TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL, hlc TEXT NOT NULL,
        PRIMARY KEY (entity, row_id, field)
      ) WITHOUT ROWID;
      -- Device-local preferences; never synced.
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    `);
  },
};
