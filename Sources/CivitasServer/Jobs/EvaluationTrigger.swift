import CivitasCore
import CivitasStorage
import Foundation
import Logging
import Workers

/// Re-evaluation when late data lands (DOMAIN §8): after a batch commits, every latest
/// result it made stale gets one queued `evaluation` job, under a unique key per
/// framework, period and scope, so that a thousand late batches queue one job, not a
/// thousand (the queue returns the unfinished job that holds the key).
///
/// Sub-command scopes of one framework and period that are stale together are
/// re-evaluated by one `subcommands` job, which reads the records once for all of them.
struct EvaluationTrigger: Sendable {
    let queue: JobQueue
    let logger: Logger

    /// Never fails the submission that called it: the records are stored whatever
    /// happens here, and the next batch (or a request) queues what was missed.
    func recordsLanded(in database: TenantDatabase, through lastSequence: Int64) async {
        do {
            let stale = try await database.staleLatestResults(landedThrough: lastSequence)
            for arguments in Self.jobs(for: stale) {
                let job = try await queue.enqueue(NewJob(
                    tenant: database.tenant, kind: EvaluationJobArguments.kind, argumentsJSON: arguments.json,
                    uniqueKey: arguments.reevaluationKey
                ))
                logger.debug("Re-evaluation queued", metadata: ["tenant": "\(database.tenant)", "job": "\(job.id)", "key": "\(arguments.reevaluationKey)"])
            }
        } catch {
            logger.warning("Queuing re-evaluations failed", metadata: ["tenant": "\(database.tenant)", "error": "\(error)"])
        }
    }

    /// One job per stale city scope and per lone stale sub-command scope; one
    /// `subcommands` job where several sub-commands of a framework and period are stale.
    static func jobs(for stale: [StaleEvaluation]) -> [EvaluationJobArguments] {
        var jobs: [EvaluationJobArguments] = []
        let groups = Dictionary(grouping: stale) { [$0.framework, $0.period] }
        for key in groups.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            let results = groups[key] ?? []
            let subcommands = results.filter { $0.scope != .city }
            for result in results where result.scope == .city || subcommands.count == 1 {
                jobs.append(EvaluationJobArguments(
                    framework: result.framework, version: result.frameworkVersion, period: result.period, scope: .one(result.scope)
                ))
            }
            if subcommands.count > 1, let newest = subcommands.max(by: { $0.frameworkVersion < $1.frameworkVersion }) {
                jobs.append(EvaluationJobArguments(
                    framework: newest.framework, version: newest.frameworkVersion, period: newest.period, scope: .everySubcommand
                ))
            }
        }
        return jobs
    }
}
