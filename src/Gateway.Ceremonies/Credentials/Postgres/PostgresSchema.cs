namespace PasskeyGateway.Ceremonies.Credentials.Postgres;

/// <summary>
/// The PostgreSQL schema, as ordered migration steps: the same tables, keys and indexes as
/// <see cref="Sqlite.SqliteSchema"/>, in PostgreSQL's own types. Times are timestamptz (microseconds, UTC); enums are
/// stored by member name, lists as text[]. Identifiers use the "C" collation: they compare and sort byte by byte, as
/// in SQLite, whatever locale the database was created with.
/// </summary>
internal static class PostgresSchema
{
    public static IReadOnlyList<SchemaMigration> Migrations { get; } =
    [
        new(1, "users, passkeys, devices, biometric keys, revocations, audit trail", """
            CREATE TABLE users (
                id                  text COLLATE "C" NOT NULL PRIMARY KEY,
                username            text             NOT NULL,
                normalized_username text COLLATE "C" NOT NULL UNIQUE,
                display_name        text             NOT NULL,
                user_handle         bytea            NOT NULL UNIQUE,
                roles               text[]           NOT NULL,
                created_at          timestamptz      NOT NULL,
                disabled            boolean          NOT NULL
            );

            -- A sign count is an unsigned 32-bit number (WebAuthn L3 section 6.1): bigint holds it, the check keeps it in range.
            CREATE TABLE passkeys (
                credential_id      bytea            NOT NULL PRIMARY KEY,
                user_id            text COLLATE "C" NOT NULL REFERENCES users (id),
                public_key         bytea            NOT NULL,
                sign_count         bigint           NOT NULL CHECK (sign_count BETWEEN 0 AND 4294967295),
                aaguid             uuid             NOT NULL,
                transports         text[]           NOT NULL,
                backup_eligible    boolean          NOT NULL,
                backup_state       boolean          NOT NULL,
                attestation_format text             NOT NULL,
                attestation_trust  text             NOT NULL,
                nickname           text,
                created_at         timestamptz      NOT NULL,
                last_used_at       timestamptz,
                flagged_at         timestamptz,
                flag_reason        text
            );
            CREATE INDEX passkeys_by_user ON passkeys (user_id, created_at);

            -- UNIQUE (device_id, user_id) repeats the key on purpose: it is what the foreign key of biometric_keys
            -- points at, so a key can only be tied to a device of its own user.
            CREATE TABLE devices (
                device_id        text COLLATE "C" NOT NULL PRIMARY KEY,
                user_id          text COLLATE "C" NOT NULL REFERENCES users (id),
                device_key_id    text COLLATE "C" NOT NULL,
                public_key       bytea            NOT NULL,
                algorithm        text             NOT NULL,
                signature_format text             NOT NULL,
                name             text,
                platform         text,
                created_at       timestamptz      NOT NULL,
                last_used_at     timestamptz,
                revoked_at       timestamptz,
                UNIQUE (device_id, user_id)
            );
            CREATE INDEX devices_by_user ON devices (user_id, created_at);
            CREATE UNIQUE INDEX devices_active_key_id ON devices (user_id, device_key_id) WHERE revoked_at IS NULL;

            CREATE TABLE biometric_keys (
                key_id           text COLLATE "C" NOT NULL PRIMARY KEY,
                user_id          text COLLATE "C" NOT NULL REFERENCES users (id),
                device_id        text COLLATE "C",
                public_key       bytea            NOT NULL,
                algorithm        text             NOT NULL,
                signature_format text             NOT NULL,
                name             text,
                created_at       timestamptz      NOT NULL,
                last_used_at     timestamptz,
                revoked_at       timestamptz,
                FOREIGN KEY (device_id, user_id) REFERENCES devices (device_id, user_id)
            );
            CREATE INDEX biometric_keys_by_user ON biometric_keys (user_id, created_at);
            CREATE INDEX biometric_keys_by_device ON biometric_keys (device_id);

            CREATE TABLE revocations (
                kind       text COLLATE "C" NOT NULL,
                id         text COLLATE "C" NOT NULL,
                revoked_at timestamptz      NOT NULL,
                expires_at timestamptz      NOT NULL,
                PRIMARY KEY (kind, id)
            );
            CREATE INDEX revocations_by_expiry ON revocations (expires_at);

            -- A sequence never hands out an id twice, even after the newest rows are deleted, so keyset paging stays exact.
            CREATE TABLE audit_trail (
                id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at         timestamptz      NOT NULL,
                user_id    text COLLATE "C",
                event      text             NOT NULL,
                outcome    text             NOT NULL,
                client_ip  text,
                user_agent text,
                detail     text
            );
            CREATE INDEX audit_trail_by_user ON audit_trail (user_id, id);
            """),
        new(2, "secrets the gateway makes for itself; the audit trail by time, for retention", """
            CREATE INDEX audit_trail_by_time ON audit_trail (at);

            CREATE TABLE gateway_secrets (
                name  text COLLATE "C" NOT NULL PRIMARY KEY,
                value bytea            NOT NULL
            );
            """),
        new(3, "accounts: email, groups, version; sessions; enrollment links", """
            ALTER TABLE users ADD COLUMN email text;
            ALTER TABLE users ADD COLUMN groups text[] NOT NULL DEFAULT '{}';
            ALTER TABLE users ADD COLUMN version bigint NOT NULL DEFAULT 1;

            CREATE TABLE sessions (
                id          text COLLATE "C" NOT NULL PRIMARY KEY,
                user_id     text COLLATE "C" NOT NULL REFERENCES users (id),
                created_at  timestamptz      NOT NULL,
                expires_at  timestamptz      NOT NULL,
                auth_method text             NOT NULL,
                user_agent  text,
                device_id   text COLLATE "C",
                ended_at    timestamptz
            );
            CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
            CREATE INDEX sessions_by_expiry ON sessions (expires_at);

            -- Only the token's SHA-256 is stored: the link itself is shown once, to whoever made it.
            CREATE TABLE enrollment_links (
                token_hash bytea            NOT NULL PRIMARY KEY,
                user_id    text COLLATE "C" NOT NULL REFERENCES users (id),
                created_at timestamptz      NOT NULL,
                expires_at timestamptz      NOT NULL,
                created_by text             NOT NULL,
                spent_at   timestamptz,
                voided_at  timestamptz
            );
            CREATE INDEX enrollment_links_by_user ON enrollment_links (user_id);
            CREATE INDEX enrollment_links_by_expiry ON enrollment_links (expires_at);
            """),
    ];
}
