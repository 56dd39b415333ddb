internal import GRDB

/// The schema of one tenant's file. Append-only: add migrations, never edit one.
enum TenantSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: organization") { db in
            try db.execute(sql: """
                -- Which tenant this file belongs to, checked on every open so that a file
                -- copied or restored under the wrong name is refused, not served.
                CREATE TABLE tenant_meta (
                    key TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) STRICT;
                CREATE TABLE subcommand (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE TABLE unit (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    subcommand_id TEXT REFERENCES subcommand(id),
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX unit_by_subcommand ON unit(subcommand_id, id);
                CREATE TABLE inspection_point (
                    id TEXT PRIMARY KEY NOT NULL,
                    name TEXT NOT NULL,
                    subcommand_id TEXT NOT NULL REFERENCES subcommand(id),
                    type TEXT NOT NULL,
                    address TEXT NOT NULL DEFAULT '',
                    latitude REAL,
                    longitude REAL,
                    active INTEGER NOT NULL DEFAULT 1,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL
                ) STRICT;
                CREATE INDEX inspection_point_by_subcommand ON inspection_point(subcommand_id, id);
                """)
        }
        return migrator
    }
}
