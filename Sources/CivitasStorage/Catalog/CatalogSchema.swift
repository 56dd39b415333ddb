internal import GRDB

/// The catalog's schema. Migrations are append-only: never edit a registered one, add a
/// new one below it (a released database has already run the old ones).
enum CatalogSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: tenants and credentials") { db in
            try db.execute(sql: """
                CREATE TABLE tenant (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('active', 'suspended', 'archived')),
                    time_zone TEXT NOT NULL,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE TABLE credential (
                    id TEXT PRIMARY KEY NOT NULL,
                    tenant_id TEXT REFERENCES tenant(id),
                    role TEXT NOT NULL,
                    scope TEXT,
                    label TEXT NOT NULL DEFAULT '',
                    -- SHA-256 of the token's secret: the token itself is never stored.
                    secret_sha256 BLOB NOT NULL,
                    created_at TEXT NOT NULL,
                    expires_at TEXT,
                    revoked_at TEXT,
                    CHECK ((role = 'operator') = (tenant_id IS NULL))
                ) STRICT;
                CREATE INDEX credential_by_tenant ON credential(tenant_id);
                """)
        }
        return migrator
    }
}
