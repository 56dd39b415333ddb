import CivitasCore
import Foundation
internal import GRDB

extension TenantDatabase {
    /// Every record of `period` up to the tenant's last sequence number right now (the
    /// cut-off), folded for `framework`, read in one read transaction so that the records
    /// and the cut-off are one consistent snapshot.
    ///
    /// The data of the last few (framework version, period) pairs stays in memory: a
    /// re-evaluation after late data folds in only the records above the cached cut-off,
    /// unless a late record cannot be folded in incrementally (``EvaluationData/needsRebuild``),
    /// in which case the period is read again from scratch.
    public func evaluationData(for framework: PublishedFramework, period: Period) async throws -> EvaluationData {
        let key = EvaluationState.DataKey(framework: framework.framework.code, version: framework.version, period: period.name)
        let cached = CachedData(state.evaluation.take(key))
        guard let timeZone = TimeZone(identifier: framework.framework.timeZoneIdentifier) else {
            throw CivitasError(.internal, "Framework \(key.framework) v\(key.version) names an unknown time zone.")
        }
        let minimumDurations = Dictionary(
            framework.framework.surveys.map { ($0.code, $0.minimumDurationSeconds) }, uniquingKeysWith: { first, _ in first }
        )
        let data = try await pool.read { db in
            let cutoff = try Self.lastSequence(db)
            if var data = cached.take(), data.cutoff <= cutoff {
                try EvaluationRecordReader.fold(into: &data, after: data.cutoff, through: cutoff, db)
                data.advance(to: cutoff)
                if !data.needsRebuild { return data }
            }
            var fresh = EvaluationData(period: period, timeZone: timeZone, surveyMinimumDurations: minimumDurations)
            try EvaluationRecordReader.fold(into: &fresh, after: 0, through: cutoff, db)
            fresh.advance(to: cutoff)
            return fresh
        }
        state.evaluation.remember(data, for: key)
        return data
    }

    static func lastSequence(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT last FROM sequence_counter WHERE id = 1") ?? 0
    }
}

/// Hands the cached data into the read closure without a second reference to it (a
/// captured `let` would keep one, and the first fold would copy every table).
private final class CachedData: @unchecked Sendable {
    // Touched once, inside the single read closure that owns it.
    private var data: EvaluationData?

    init(_ data: EvaluationData?) { self.data = data }

    func take() -> EvaluationData? {
        defer { data = nil }
        return data
    }
}
