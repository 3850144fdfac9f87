import { migration001 } from './001-initial';
import { migration002 } from './002-search-index';
import { migration003 } from './003-sync-state';
import { migration004 } from './004-refusals';
import { migration005 } from './005-write-groups';
import { migration006 } from './006-board-indexes';
import { migration007 } from './007-status-conflicts';
import { migration008 } from './008-milestone-copies';
import { migration009 } from './009-evidence';
import type { Migration } from './types';

/** Every migration, in order. Append only: a released migration is never edited. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009];

export const SCHEMA_VERSION = MIGRATIONS.length;
export type { Migration };
