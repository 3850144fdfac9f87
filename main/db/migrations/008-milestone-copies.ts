import type { Migration } from './types';

/**
 * An amendment copies the plan with its progress: each copied milestone names the one it copies,
 * so the hub can tell a copied 已核验 from a forged one (the copy must match its source at the hub).
 */
export const migration008: Migration = {
  version: 8,
  name: 'milestone copies',
  up: (db) => {
    db.exec('ALTER TABLE milestones ADD COLUMN copied_from_id TEXT');
  },
};
