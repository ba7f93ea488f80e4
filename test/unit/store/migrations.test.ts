import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, type Migration } from '../../../main/store/migrations.ts';

const createA: Migration = (db) => db.exec('CREATE TABLE a (x INTEGER)');
const createB: Migration = (db) => db.exec('CREATE TABLE b (y INTEGER)');
const tables = (db: Database.Database): string[] =>
  db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all();

describe('migrate', () => {
  it('runs only the steps after the current user_version, in order, and records each', () => {
    const db = new Database(':memory:');
    migrate(db, [createA]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    migrate(db, [createA, createB]);
    expect(tables(db)).toEqual(['a', 'b']);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    db.close();
  });

  it('rolls a failing step back entirely and keeps the version', () => {
    const db = new Database(':memory:');
    migrate(db, [createA]);
    const failing: Migration = (conn) => {
      conn.exec('CREATE TABLE c (z INTEGER)');
      conn.exec('INSERT INTO missing VALUES (1)');
    };
    expect(() => migrate(db, [createA, failing])).toThrow(/no such table: missing/);
    expect(tables(db)).toEqual(['a']);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
  });
});
