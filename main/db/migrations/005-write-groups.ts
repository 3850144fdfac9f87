import type { Migration } from './types';

/**
 * Which ops were written together: `tx` is the sequence number of the first op of the same local
 * write, so the hub can refuse a user's action whole, never half of it. Older ops stay alone (NULL).
 */
export const migration005: Migration = {
  version: 5,
  name: 'write groups',
  up: (db) => {
    db.exec('ALTER TABLE sync_ops ADD COLUMN tx INTEGER');
  },
};
