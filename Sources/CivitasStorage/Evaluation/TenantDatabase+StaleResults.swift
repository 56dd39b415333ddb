import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// The latest results that records landed after (DOMAIN §8): for each framework,
    /// period and scope whose latest result has a cut-off below `lastSequence`, whether a
    /// landed span overlapping its period holds a record above that cut-off.
    ///
    /// Called after every committed batch, so it is cheap: the latest results are kept in
    /// memory per open tenant (one query the first time), a tenant without results costs
    /// no I/O at all, and otherwise it reads only the spans newer than the oldest cut-off
    /// in question.
    public func staleLatestResults(landedThrough lastSequence: Int64) async throws -> [StaleEvaluation] {
        let latest = try await latestResultIndex()
        let candidates = latest.filter { $0.value.cutoff < lastSequence }
        guard let oldest = candidates.values.map(\.cutoff).min() else { return [] }
        let spans = try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT start_day, end_day, last_sequence FROM landed_span WHERE last_sequence > ?", arguments: [oldest])
                .map { (first: $0["start_day"] as String, last: $0["end_day"] as String, sequence: $0["last_sequence"] as Int64) }
        }
        return candidates.compactMap { key, result -> StaleEvaluation? in
            let stale = spans.contains { $0.first <= result.lastDay && $0.last >= result.firstDay && $0.sequence > result.cutoff }
            guard stale, let scope = EvaluationScope(parsing: key.scope) else { return nil }
            return StaleEvaluation(framework: key.framework, frameworkVersion: result.frameworkVersion, period: key.period, scope: scope)
        }
        .sorted { ($0.framework, $0.period, $0.scope) < ($1.framework, $1.period, $1.scope) }
    }

    /// Whether records landed in result `id`'s period after its cut-off (false for an unknown id).
    public func isStale(resultID id: String) async throws -> Bool {
        try await pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT \(ResultColumns.staleness) FROM evaluation_result r WHERE r.id = ?", arguments: [id]) ?? false
        }
    }

    /// The latest result of every framework, period and scope, loaded once per open file
    /// and kept current by ``storeResult(_:period:tenantTimeZone:jobID:computedAt:)``.
    private func latestResultIndex() async throws -> [ResultKey: LatestResult] {
        let (cached, generation) = state.evaluation.latest
        if let cached { return cached }
        let index = try await pool.read { db in
            var index: [ResultKey: LatestResult] = [:]
            // In "latest" order, so the last row of each key is its latest result.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT framework, period, scope, framework_version, cutoff, first_day, last_day
                FROM evaluation_result ORDER BY framework, period, scope, cutoff, row
                """)
            while let row = try rows.next() {
                index[ResultKey(framework: row["framework"], period: row["period"], scope: row["scope"])] = LatestResult(
                    frameworkVersion: row["framework_version"], cutoff: row["cutoff"], firstDay: row["first_day"], lastDay: row["last_day"]
                )
            }
            return index
        }
        state.evaluation.remember(latest: index, loadedAt: generation)
        return index
    }
}
