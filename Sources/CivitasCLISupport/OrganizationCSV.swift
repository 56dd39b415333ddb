import CivitasCore
import CivitasProtos
import Foundation
import SwiftProtobuf

/// Reads the organization import files a campaign office keeps in spreadsheets:
///
/// - sub-commands: `id,name`
/// - units: `id,name,subcommand` (empty sub-command: one of HQ's lines of work)
/// - points: `id,name,subcommand,type[,address,latitude,longitude]`
///
/// Chinese headings (编号, 名称, 分指挥部, 类型, 地址, 纬度, 经度) are accepted too. The kind is
/// taken from the columns unless given.
public struct OrganizationCSV {
    public var kind: OrganizationKind
    public var request: Civitas_V1_ImportOrganizationRequest
    /// The line each record starts on, by record index (to report the server's errors).
    public var lines: [Int]

    static let aliases: [String: String] = [
        "id": "id", "编号": "id", "代码": "id",
        "name": "name", "名称": "name",
        "subcommand": "subcommand", "分指挥部": "subcommand",
        "type": "type", "类型": "type",
        "address": "address", "地址": "address",
        "latitude": "latitude", "lat": "latitude", "纬度": "latitude",
        "longitude": "longitude", "lon": "longitude", "lng": "longitude", "经度": "longitude",
    ]

    static let columns: [OrganizationKind: (required: [String], optional: [String])] = [
        .subcommand: (["id", "name"], []),
        .unit: (["id", "name", "subcommand"], []),
        .point: (["id", "name", "subcommand", "type"], ["address", "latitude", "longitude"]),
    ]

    public init(table: CSVTable, source: String, kind requested: OrganizationKind? = nil) throws {
        var index: [String: Int] = [:]
        for (position, heading) in table.header.enumerated() {
            guard let column = Self.aliases[heading.lowercased()] else {
                throw CSVError(source: source, line: 1, message: "has an unknown column \"\(heading)\"")
            }
            guard index[column] == nil else { throw CSVError(source: source, line: 1, message: "names column \(column) twice") }
            index[column] = position
        }
        let kind = requested ?? (index["type"] != nil ? .point : index["subcommand"] != nil ? .unit : .subcommand)
        let (required, optional) = Self.columns[kind]!
        if let missing = required.first(where: { index[$0] == nil }) {
            throw CSVError(source: source, line: 1, message: "lacks the column \"\(missing)\" that \(kind.plural) need")
        }
        if let extra = index.keys.sorted().first(where: { !required.contains($0) && !optional.contains($0) }) {
            throw CSVError(source: source, line: 1, message: "has the column \"\(extra)\", which \(kind.plural) do not take")
        }
        self.kind = kind
        lines = table.records.map(\.line)
        request = Civitas_V1_ImportOrganizationRequest()
        for record in table.records {
            let value = { (column: String) -> String in
                guard let position = index[column], position < record.fields.count else { return "" }
                return record.fields[position].trimmingCharacters(in: .whitespaces)
            }
            switch kind {
            case .subcommand:
                request.subcommands.append(.with { $0.id = value("id"); $0.name = value("name"); $0.active = true })
            case .unit:
                request.units.append(.with {
                    $0.id = value("id"); $0.name = value("name"); $0.subcommand = value("subcommand"); $0.active = true
                })
            case .point:
                var point = Civitas_V1_InspectionPoint()
                (point.id, point.name, point.subcommand) = (value("id"), value("name"), value("subcommand"))
                (point.type, point.address, point.active) = (value("type"), value("address"), true)
                let (latitude, longitude) = (value("latitude"), value("longitude"))
                if !latitude.isEmpty || !longitude.isEmpty {
                    guard let lat = Double(latitude), let lon = Double(longitude) else {
                        throw CSVError(
                            source: source, line: record.line,
                            message: "needs both latitude and longitude as numbers (got \"\(latitude)\", \"\(longitude)\")"
                        )
                    }
                    (point.hasLocation_p, point.latitude, point.longitude) = (true, lat, lon)
                }
                request.points.append(point)
            }
        }
    }
}
