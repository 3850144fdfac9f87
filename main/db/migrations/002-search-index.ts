import type { Migration } from './types';

/**
 * Full-text search over challenges, pledges and progress entries. FTS5's trigram tokenizer
 * matches Chinese substrings of 3+ characters. Each index row shares its source row's rowid,
 * so triggers keep it current with cheap rowid lookups.
 */
const INDEXED = [
  { fts: 'fts_challenges', table: 'challenges', title: "coalesce(NEW.code,'') || ' ' || coalesce(NEW.title,'')", body: "coalesce(NEW.background,'') || ' ' || coalesce(NEW.acceptance_criteria,'')" },
  { fts: 'fts_pledges', table: 'pledges', title: "coalesce(NEW.number,'') || ' ' || coalesce(NEW.title,'')", body: "coalesce(NEW.text,'')" },
  { fts: 'fts_progress', table: 'progress_entries', title: "coalesce(NEW.work_done,'')", body: "coalesce(NEW.problems,'') || ' ' || coalesce(NEW.next_steps,'') || ' ' || coalesce(NEW.safety_notes,'')" },
] as const;

export const migration002: Migration = {
  version: 2,
  name: 'search index',
  up: (db) => {
    for (const { fts, table, title, body } of INDEXED) {
      db.exec(`
        CREATE VIRTUAL TABLE ${fts} USING fts5(title, body, tokenize = 'trigram');
        CREATE TRIGGER ${fts}_ai AFTER INSERT ON ${table} BEGIN
          INSERT INTO ${fts}(rowid, title, body) VALUES (NEW.rowid, ${title}, ${body});
        END;
        CREATE TRIGGER ${fts}_au AFTER UPDATE ON ${table} BEGIN
          DELETE FROM ${fts} WHERE rowid = OLD.rowid;
          INSERT INTO ${fts}(rowid, title, body) VALUES (NEW.rowid, ${title}, ${body});
        END;
        INSERT INTO ${fts}(rowid, title, body)
          SELECT rowid, ${title.replaceAll('NEW.', '')}, ${body.replaceAll('NEW.', '')} FROM ${table};
      `);
    }
  },
};
