import type { Migration } from './types';

/**
 * Covering indexes for the board view (measured by bench:store): the latest progress percent and
 * the open-claim count per card are read from the index alone, and cards come out in code order
 * without a sort. They replace the narrower indexes they extend.
 */
export const migration006: Migration = {
  version: 6,
  name: 'board view indexes',
  up: (db) => {
    db.exec(`
      CREATE INDEX progress_latest ON progress_entries(challenge_id, date DESC, created_at DESC, percent);
      DROP INDEX progress_challenge;
      CREATE INDEX claims_by_challenge_status ON claims(challenge_id, status);
      DROP INDEX claims_challenge;
      CREATE INDEX challenges_board_code ON challenges(board_id, code);
    `);
  },
};
