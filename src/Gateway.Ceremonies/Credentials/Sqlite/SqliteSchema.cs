namespace PasskeyGateway.Ceremonies.Credentials.Sqlite;

/// <summary>
/// The SQLite schema, as ordered migration steps. Times are Unix microseconds (UTC) in INTEGER columns: exact,
/// ordered, and the precision PostgreSQL's timestamptz keeps. Enums are stored by member name, lists as JSON arrays.
/// STRICT tables refuse a value of the wrong type instead of converting it.
/// </summary>
internal static class SqliteSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "users, passkeys, devices, biometric keys, revocations, audit trail", """
            CREATE TABLE users (
                id                  TEXT    NOT NULL PRIMARY KEY,
                username            TEXT    NOT NULL,
                normalized_username TEXT    NOT NULL UNIQUE,
                display_name        TEXT    NOT NULL,
                user_handle         BLOB    NOT NULL UNIQUE,
                roles               TEXT    NOT NULL,
                created_at          INTEGER NOT NULL,
                disabled            INTEGER NOT NULL
            ) STRICT;

            CREATE TABLE passkeys (
                credential_id      BLOB    NOT NULL PRIMARY KEY,
                user_id            TEXT    NOT NULL REFERENCES users (id),
                public_key         BLOB    NOT NULL,
                sign_count         INTEGER NOT NULL,
                aaguid             TEXT    NOT NULL,
                transports         TEXT    NOT NULL,
                backup_eligible    INTEGER NOT NULL,
                backup_state       INTEGER NOT NULL,
                attestation_format TEXT    NOT NULL,
                attestation_trust  TEXT    NOT NULL,
                nickname           TEXT,
                created_at         INTEGER NOT NULL,
                last_used_at       INTEGER,
                flagged_at         INTEGER,
                flag_reason        TEXT
            ) STRICT;
            CREATE INDEX passkeys_by_user ON passkeys (user_id, created_at);

            -- UNIQUE (device_id, user_id) repeats the key on purpose: it is what biometric_keys' foreign key points
            -- at, so a key can only be tied to a device of its own user.
            CREATE TABLE devices (
                device_id        TEXT    NOT NULL PRIMARY KEY,
                user_id          TEXT    NOT NULL REFERENCES users (id),
                device_key_id    TEXT    NOT NULL,
                public_key       BLOB    NOT NULL,
                algorithm        TEXT    NOT NULL,
                signature_format TEXT    NOT NULL,
                name             TEXT,
                platform         TEXT,
                created_at       INTEGER NOT NULL,
                last_used_at     INTEGER,
                revoked_at       INTEGER,
                UNIQUE (device_id, user_id)
            ) STRICT;
            CREATE INDEX devices_by_user ON devices (user_id, created_at);
            CREATE UNIQUE INDEX devices_active_key_id ON devices (user_id, device_key_id) WHERE revoked_at IS NULL;

            CREATE TABLE biometric_keys (
                key_id           TEXT    NOT NULL PRIMARY KEY,
                user_id          TEXT    NOT NULL REFERENCES users (id),
                device_id        TEXT,
                public_key       BLOB    NOT NULL,
                algorithm        TEXT    NOT NULL,
                signature_format TEXT    NOT NULL,
                name             TEXT,
                created_at       INTEGER NOT NULL,
                last_used_at     INTEGER,
                revoked_at       INTEGER,
                FOREIGN KEY (device_id, user_id) REFERENCES devices (device_id, user_id)
            ) STRICT;
            CREATE INDEX biometric_keys_by_user ON biometric_keys (user_id, created_at);
            CREATE INDEX biometric_keys_by_device ON biometric_keys (device_id);

            CREATE TABLE revocations (
                kind       TEXT    NOT NULL,
                id         TEXT    NOT NULL,
                revoked_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                PRIMARY KEY (kind, id)
            ) STRICT;
            CREATE INDEX revocations_by_expiry ON revocations (expires_at);

            -- AUTOINCREMENT: ids are never reused, even after the newest rows are deleted, so keyset paging stays exact.
            CREATE TABLE audit_trail (
                id         INTEGER PRIMARY KEY AUTOINCREMENT,
                at         INTEGER NOT NULL,
                user_id    TEXT,
                event      TEXT    NOT NULL,
                outcome    TEXT    NOT NULL,
                client_ip  TEXT,
                user_agent TEXT,
                detail     TEXT
            ) STRICT;
            CREATE INDEX audit_trail_by_user ON audit_trail (user_id, id);
            """),
        new(2, "secrets the gateway makes for itself; the audit trail by time, for retention", """
            CREATE INDEX audit_trail_by_time ON audit_trail (at);

            CREATE TABLE gateway_secrets (
                name  TEXT NOT NULL PRIMARY KEY,
                value BLOB NOT NULL
            ) STRICT;
            """),
        new(3, "accounts: email, groups, version; sessions; enrollment links", """
            ALTER TABLE users ADD COLUMN email TEXT;
            ALTER TABLE users ADD COLUMN groups TEXT NOT NULL DEFAULT '[]';
            ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;

            CREATE TABLE sessions (
                id          TEXT    NOT NULL PRIMARY KEY,
                user_id     TEXT    NOT NULL REFERENCES users (id),
                created_at  INTEGER NOT NULL,
                expires_at  INTEGER NOT NULL,
                auth_method TEXT    NOT NULL,
                user_agent  TEXT,
                device_id   TEXT,
                ended_at    INTEGER
            ) STRICT;
            CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
            CREATE INDEX sessions_by_expiry ON sessions (expires_at);

            -- Only the token's SHA-256 is stored: the link itself is shown once, to whoever made it.
            CREATE TABLE enrollment_links (
                token_hash BLOB    NOT NULL PRIMARY KEY,
                user_id    TEXT    NOT NULL REFERENCES users (id),
                created_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL,
                created_by TEXT    NOT NULL,
                spent_at   INTEGER,
                voided_at  INTEGER
            ) STRICT;
            CREATE INDEX enrollment_links_by_user ON enrollment_links (user_id);
            CREATE INDEX enrollment_links_by_expiry ON enrollment_links (expires_at);
            """),
    ];
}
