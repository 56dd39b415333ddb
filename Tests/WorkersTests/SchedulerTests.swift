import CivitasCore
import CivitasTesting
import Foundation
import Testing
@testable import Workers

/// Schedules fire on the injected clock: no test waits for real minutes to pass.
struct SchedulerTests {
    private func makeSchedule(_ fixture: QueueFixture, _ cron: String, tenant name: String = "city-a", zone: String = "Asia/Shanghai") async throws -> Schedule {
        try await fixture.queue.createSchedule(NewSchedule(
            tenant: tenant(name), cron: try CronExpression(parsing: cron), timeZone: try TimeZoneOffsets(identifier: zone).zone,
            jobKind: "probe", argumentsJSON: #"{"period":"previous-month"}"#
        ))
    }

    @Test func aLongDowntimeProducesExactlyOneCatchUpRun() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let schedule = try await makeSchedule(fixture, "*/5 * * * *")
        let firstDue = try #require(schedule.nextRunAt)
        #expect(try fixture.queue.fireDueSchedules().isEmpty, "nothing is due before the first occurrence")

        // The server is down for three days: 864 occurrences pass.
        fixture.clock.advance(by: 3 * 86_400)
        let fired = try fixture.queue.fireDueSchedules()
        #expect(fired.count == 1)
        #expect(fired.first?.uniqueKey == ScheduleFiring.uniqueKey(schedule: schedule.id, occurrence: Int64(firstDue.timeIntervalSince1970)))
        #expect(fired.first?.argumentsJSON == #"{"period":"previous-month"}"#)
        #expect(try fixture.queue.fireDueSchedules().isEmpty, "the catch-up run is not repeated")

        let after = try await fixture.queue.schedules(tenant: tenant("city-a"))
        let next = try #require(after.first?.nextRunAt)
        #expect(next > fixture.clock.now && next <= fixture.clock.now.addingTimeInterval(300))
        #expect(after.first?.lastRunAt == firstDue)
        let jobs = try await fixture.queue.jobs(JobQuery(tenant: tenant("city-a")))
        #expect(jobs.jobs.count == 1)
    }

    @Test func twoServersOnOneQueueFireAnOccurrenceOnce() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let other = try fixture.secondQueue()
        defer { try? other.close() }
        _ = try await makeSchedule(fixture, "0 2 1 * *")
        fixture.clock.advance(by: 40 * 86_400)  // past at least one 1st of the month, 02:00 Shanghai

        async let first = Task.detached { try fixture.queue.fireDueSchedules() }.value
        async let second = Task.detached { try other.fireDueSchedules() }.value
        let total = try await first.count + second.count
        #expect(total == 1)
        #expect(try await fixture.queue.jobs(JobQuery(tenant: tenant("city-a"))).jobs.count == 1)
    }

    @Test func everyOccurrenceFiresOnceWhileTheServerIsUp() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let schedule = try await makeSchedule(fixture, "0 * * * *")
        // Tick every ten minutes for six hours: six occurrences, six jobs, distinct keys.
        for _ in 0..<36 {
            fixture.clock.advance(by: 600)
            try fixture.queue.fireDueSchedules()
        }
        let jobs = try await fixture.queue.jobs(JobQuery(tenant: tenant("city-a"))).jobs
        #expect((6...7).contains(jobs.count), "one per hour passed (the first hour may be partial): \(jobs.count)")
        #expect(Set(jobs.compactMap(\.uniqueKey)).count == jobs.count)
        #expect(jobs.allSatisfy { $0.uniqueKey?.hasPrefix("schedule:\(schedule.id)@") == true })
    }

    @Test func pausedSchedulesDoNotFireAndResumeFromNow() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let schedule = try await makeSchedule(fixture, "* * * * *")
        _ = try await fixture.queue.setSchedulePaused(schedule.id, tenant: tenant("city-a"), paused: true)
        fixture.clock.advance(by: 3600)
        #expect(try fixture.queue.fireDueSchedules().isEmpty)
        let resumed = try await fixture.queue.setSchedulePaused(schedule.id, tenant: tenant("city-a"), paused: false)
        #expect(try #require(resumed.nextRunAt) > fixture.clock.now, "the paused hour is not caught up")
    }

    @Test func schedulesBelongToTheirTenant() async throws {
        let fixture = try QueueFixture()
        defer { fixture.tearDown() }
        let schedule = try await makeSchedule(fixture, "0 2 1 * *", tenant: "city-a")
        #expect(try await fixture.queue.schedules(tenant: tenant("city-b")).isEmpty)
        await #expect(throws: CivitasError.notFound("Tenant city-b has no schedule \(schedule.id).")) {
            try await fixture.queue.deleteSchedule(schedule.id, tenant: tenant("city-b"))
        }
        let deleted = try await fixture.queue.deleteSchedule(schedule.id, tenant: tenant("city-a"))
        #expect(deleted.id == schedule.id)
        #expect(try await fixture.queue.schedules(tenant: tenant("city-a")).isEmpty)
    }

    @Test func theFiringDecisionIsPure() throws {
        let cron = try CronExpression(parsing: "0 2 * * *")
        let zone = FixedUTCOffset(seconds: 8 * 3600)
        #expect(ScheduleFiring.decide(cron: cron, paused: false, nextRunAt: 1000, now: 999, zone: zone) == .wait)
        #expect(ScheduleFiring.decide(cron: cron, paused: true, nextRunAt: 1000, now: 5000, zone: zone) == .wait)
        // 1970-01-01 18:00Z is 02:00 on the 2nd in UTC+8.
        #expect(ScheduleFiring.decide(cron: cron, paused: false, nextRunAt: 1000, now: 5000, zone: zone) == .fire(occurrence: 1000, nextRunAt: 18 * 3600))
    }
}
