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
        migrator.registerMigration("v2: submissions, codes, audit log") { db in
            try db.execute(sql: submissionsV2)
        }
        migrator.registerMigration("v3: frameworks and evaluation results") { db in
            try db.execute(sql: evaluationV3)
        }
        migrator.registerMigration("v4: cross-checks") { db in
            try db.execute(sql: crossChecksV4)
        }
        return migrator
    }

    /// Records of the four channels, append-only. `sequence` is the tenant's sequence
    /// number (one counter across channels); `key` the client's idempotency key, unique
    /// per channel; `content_sha256` the hash of the canonical content (CanonicalContent),
    /// which makes "same key, other content" detectable and tampering checkable. Times are
    /// whole milliseconds since 1970 (UTC).
    static let submissionsV2 = """
        CREATE TABLE sequence_counter (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last INTEGER NOT NULL
        ) STRICT;
        INSERT INTO sequence_counter (id, last) VALUES (1, 0);

        CREATE TABLE material_report (
            sequence INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            content_sha256 BLOB NOT NULL,
            principal TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            unit_id TEXT NOT NULL,
            indicator TEXT NOT NULL,
            period TEXT NOT NULL,
            period_start INTEGER NOT NULL,
            period_end INTEGER NOT NULL,
            value REAL,
            provided INTEGER,
            note TEXT NOT NULL
        ) STRICT;
        -- A newer report supersedes an older one of the same unit, indicator and period;
        -- both stay (the history is queryable). This index finds the one that counts.
        CREATE INDEX material_report_by_slot ON material_report(unit_id, indicator, period, sequence);
        CREATE TABLE evidence (
            sequence INTEGER NOT NULL REFERENCES material_report(sequence),
            position INTEGER NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            size INTEGER NOT NULL,
            media_type TEXT NOT NULL,
            content BLOB,
            PRIMARY KEY (sequence, position)
        ) STRICT;
        CREATE INDEX evidence_by_sha256 ON evidence(sha256);

        CREATE TABLE inspection_record (
            sequence INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            content_sha256 BLOB NOT NULL,
            principal TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            point_id TEXT NOT NULL,
            inspector TEXT NOT NULL,
            observed_at INTEGER NOT NULL,
            latitude REAL,
            longitude REAL,
            photos TEXT NOT NULL
        ) STRICT;
        CREATE TABLE inspection_check (
            sequence INTEGER NOT NULL REFERENCES inspection_record(sequence),
            position INTEGER NOT NULL,
            check_code TEXT NOT NULL,
            passed INTEGER NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (sequence, position)
        ) STRICT;

        CREATE TABLE survey_response (
            sequence INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            content_sha256 BLOB NOT NULL,
            principal TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            survey TEXT NOT NULL,
            respondent TEXT NOT NULL,
            subcommand_id TEXT,
            submitted_at INTEGER NOT NULL,
            duration_seconds INTEGER NOT NULL,
            -- question=answer pairs sorted by question, ';'-separated: one row per response
            -- keeps a million-response wave one insert per response.
            answers TEXT NOT NULL
        ) STRICT;

        CREATE TABLE feed_point (
            sequence INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            content_sha256 BLOB NOT NULL,
            principal TEXT NOT NULL,
            received_at INTEGER NOT NULL,
            metric TEXT NOT NULL,
            source TEXT NOT NULL,
            observed_at INTEGER NOT NULL,
            value REAL NOT NULL,
            subcommand_id TEXT
        ) STRICT;

        -- Which local days (or, for material reports, reporting periods) received records,
        -- and the highest sequence that landed there. A result for a period with cut-off C
        -- is stale when a span overlapping its period has last_sequence > C.
        CREATE TABLE landed_span (
            start_day TEXT NOT NULL,
            end_day TEXT NOT NULL,
            last_sequence INTEGER NOT NULL,
            PRIMARY KEY (start_day, end_day)
        ) STRICT, WITHOUT ROWID;

        -- One row per write (a batch of records, an organization change, a code
        -- declaration), hash-chained: hash = SHA-256(previous_hash ‖ the row's fields).
        CREATE TABLE audit_log (
            entry INTEGER PRIMARY KEY,
            at INTEGER NOT NULL,
            principal TEXT NOT NULL,
            action TEXT NOT NULL,
            subject TEXT NOT NULL,
            first_sequence INTEGER,
            last_sequence INTEGER,
            record_count INTEGER NOT NULL,
            digest BLOB NOT NULL,
            previous_hash BLOB NOT NULL,
            hash BLOB NOT NULL
        ) STRICT;

        CREATE TABLE code_indicator (
            code TEXT PRIMARY KEY NOT NULL,
            method TEXT NOT NULL,
            value_kind TEXT,
            min REAL,
            max REAL
        ) STRICT;
        CREATE TABLE code_indicator_unit (
            code TEXT NOT NULL REFERENCES code_indicator(code) ON DELETE CASCADE,
            unit_id TEXT NOT NULL,
            PRIMARY KEY (code, unit_id)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE code_survey (
            code TEXT PRIMARY KEY NOT NULL,
            min_duration_seconds INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE code_survey_question (
            survey TEXT NOT NULL REFERENCES code_survey(code) ON DELETE CASCADE,
            question TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (survey, question)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE code_feed_metric (
            code TEXT PRIMARY KEY NOT NULL,
            unit TEXT NOT NULL,
            min REAL NOT NULL,
            max REAL NOT NULL
        ) STRICT;
        CREATE TABLE code_checklist_item (
            code TEXT PRIMARY KEY NOT NULL,
            description TEXT NOT NULL
        ) STRICT;
        """

    /// Published frameworks (immutable: a changed document is a new version) and the
    /// stored evaluation results. Times are whole milliseconds since 1970 (UTC).
    static let evaluationV3 = """
        CREATE TABLE framework_version (
            code TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            -- FrameworkDocument.canonicalJSON: what GetFramework returns and the hash covers.
            document BLOB NOT NULL,
            document_sha256 TEXT NOT NULL,
            total REAL NOT NULL,
            pass_score REAL NOT NULL,
            spiritual_share REAL NOT NULL,
            published_at INTEGER NOT NULL,
            published_by TEXT NOT NULL,
            PRIMARY KEY (code, version)
        ) STRICT;

        -- One row per evaluated scope; never updated (a re-evaluation adds a row). `row`
        -- orders them (an explicit INTEGER PRIMARY KEY survives VACUUM); `id` is what the
        -- API shows. `canonical` is EvaluationOutcome.canonicalJSON; the other columns
        -- repeat what queries filter and sort on. `first_day`/`last_day` are the period's
        -- local days in the tenant's time zone, the unit landed_span is kept in, so that
        -- "stale" is one comparison.
        CREATE TABLE evaluation_result (
            row INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            framework TEXT NOT NULL,
            framework_version INTEGER NOT NULL,
            period TEXT NOT NULL,
            period_start INTEGER NOT NULL,
            period_end INTEGER NOT NULL,
            first_day TEXT NOT NULL,
            last_day TEXT NOT NULL,
            scope TEXT NOT NULL,
            cutoff INTEGER NOT NULL,
            input_digest TEXT NOT NULL,
            earned REAL NOT NULL,
            max_points REAL NOT NULL,
            -- NULL in sub-command scopes: eligibility is a city verdict.
            eligible INTEGER,
            canonical BLOB NOT NULL,
            computed_at INTEGER NOT NULL,
            job_id TEXT NOT NULL,
            FOREIGN KEY (framework, framework_version) REFERENCES framework_version(code, version)
        ) STRICT;
        -- "The latest result for framework, period, scope" is the highest cut-off, then the
        -- last stored: one backward step along this index.
        CREATE INDEX evaluation_result_latest ON evaluation_result(framework, period, scope, cutoff, row);
        """

    /// Cross-check runs, their findings and every move of a finding through rectification
    /// and graded supervision (DOMAIN §6, §7); and, on each evaluation result, the
    /// cross-check run it took into account. Times are whole milliseconds since 1970 (UTC).
    static let crossChecksV4 = """
        -- One row per finished run (the job's id): a retried job replaces its own row.
        CREATE TABLE crosscheck_run (
            row INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            period TEXT NOT NULL,
            -- The rules run, by name, comma-separated; the framework version they read.
            rules TEXT NOT NULL,
            framework TEXT NOT NULL,
            framework_version INTEGER NOT NULL,
            -- The highest sequence number the run read.
            cutoff INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            finished_at INTEGER NOT NULL,
            -- Findings the run produced; of those, new ones and known ones whose figures changed.
            found INTEGER NOT NULL,
            new_findings INTEGER NOT NULL,
            refreshed INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX crosscheck_run_by_period ON crosscheck_run(period, finished_at, row);

        -- One row per finding, `id` the core's stable identity (rule, records, subject), so a
        -- re-run upserts. `row` orders listings (the order findings were first found).
        -- `unit`/`subcommand` are who answers for it now (assignment moves them; what
        -- visibility and filters use); `found_unit`/`found_subcommand` what the rule named.
        CREATE TABLE finding (
            row INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            rule TEXT NOT NULL,
            subject TEXT NOT NULL,
            severity TEXT NOT NULL,
            state TEXT NOT NULL,
            level INTEGER NOT NULL,
            unit TEXT,
            subcommand TEXT,
            found_unit TEXT,
            found_subcommand TEXT,
            period TEXT NOT NULL,
            -- Record sequence numbers, ascending, comma-separated.
            sequences TEXT NOT NULL,
            -- {"name": number, …}, keys sorted.
            figures TEXT NOT NULL,
            message TEXT NOT NULL,
            due_at INTEGER,
            window_started_at INTEGER,
            found_at INTEGER NOT NULL,
            run_id TEXT NOT NULL,
            updated_at INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX finding_by_period ON finding(period, row);
        CREATE INDEX finding_by_subcommand ON finding(subcommand, row);
        CREATE INDEX finding_by_unit ON finding(unit, row);
        -- Graded supervision's query: unfinished findings by due date.
        CREATE INDEX finding_by_due ON finding(state, due_at);

        -- Every move, in order: open, assign, rectify, verify, reopen, dismiss, escalate.
        CREATE TABLE finding_move (
            finding TEXT NOT NULL REFERENCES finding(id),
            position INTEGER NOT NULL,
            action TEXT NOT NULL,
            from_state TEXT,
            to_state TEXT NOT NULL,
            -- The credential, or system:<job id> for runs and graded supervision.
            by TEXT NOT NULL,
            role TEXT,
            at INTEGER NOT NULL,
            note TEXT NOT NULL,
            -- Responsible unit, due date and supervision level after the move.
            unit TEXT,
            due_at INTEGER,
            level INTEGER NOT NULL,
            -- Rectification evidence: [{"file_name", "sha256", "size", "media_type"}, …].
            evidence TEXT,
            PRIMARY KEY (finding, position)
        ) STRICT, WITHOUT ROWID;

        -- The latest finished cross-check run of the period when the result was stored.
        ALTER TABLE evaluation_result ADD COLUMN crosscheck_run TEXT;
        """
}
