import type { Database } from 'better-sqlite3';

import type { Role } from '../../domain/role';

export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  role: Role;
  createdAt: string;
}

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  created_at: string;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  email: row.email,
  passwordHash: row.password_hash,
  role: row.role,
  createdAt: row.created_at,
});

export function createUsersRepository(db: Database) {
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_at, email');
  const insert = db.prepare(
    'INSERT INTO users (id, email, password_hash, role, created_at) VALUES (@id, @email, @passwordHash, @role, @createdAt)',
  );
  const setHash = db.prepare<[string, string]>('UPDATE users SET password_hash = ? WHERE id = ?');
  return {
    findByEmail(email: string): UserRecord | undefined {
      const row = byEmail.get(email);
      return row && toUser(row);
    },
    findById(id: string): UserRecord | undefined {
      const row = byId.get(id);
      return row && toUser(row);
    },
    list(): UserRecord[] {
      return all.all().map(toUser);
    },
    insert(user: UserRecord): void {
      insert.run(user);
    },
    updatePasswordHash(id: string, passwordHash: string): void {
      setHash.run(passwordHash, id);
    },
  };
}
