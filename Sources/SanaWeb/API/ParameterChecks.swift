import Foundation
import Hummingbird

/// The query parameters each operation of the OpenAPI document declares, checked against their
/// schemas (type, date-time format, bounds, length) before the generated code decodes them: its
/// refusals do not say which parameter was wrong, and a problem document must (`errors`).
struct ParameterChecks: Sendable {
    struct Parameter: Sendable {
        var name: String
        var required: Bool
        var type: String?
        var format: String?
        var minimum: Int?
        var maximum: Int?
        var maxLength: Int?
    }

    /// By "METHOD /path/{template}", as Hummingbird names a matched route's endpoint.
    let operations: [String: [Parameter]]

    init(document: Data) throws {
        let root = try JSONSerialization.jsonObject(with: document) as? [String: Any] ?? [:]
        var operations: [String: [Parameter]] = [:]
        for (path, item) in root["paths"] as? [String: [String: Any]] ?? [:] {
            for (method, operation) in item {
                guard let operation = operation as? [String: Any] else { continue }
                let parameters = (operation["parameters"] as? [[String: Any]] ?? []).filter { $0["in"] as? String == "query" }
                operations[method.uppercased() + " " + path] = parameters.map { p in
                    let schema = p["schema"] as? [String: Any] ?? [:]
                    return Parameter(name: p["name"] as? String ?? "", required: p["required"] as? Bool ?? false,
                                     type: schema["type"] as? String, format: schema["format"] as? String,
                                     minimum: schema["minimum"] as? Int, maximum: schema["maximum"] as? Int,
                                     maxLength: schema["maxLength"] as? Int)
                }
            }
        }
        self.operations = operations
    }

    /// The first parameter of `query` its operation's schema refuses, as a 400 naming it.
    func check(method: String, endpoint: String, query: FormQuery) -> BadRequest? {
        let key = (method == "HEAD" ? "GET" : method) + " " + endpoint
        for p in operations[key] ?? [] {
            guard let value = query[p.name] else {
                if p.required { return BadRequest("\(p.name) is required.", field: p.name) }
                continue
            }
            if let max = p.maxLength, value.count > max { return BadRequest("\(p.name) is too long: at most \(max) characters.", field: p.name) }
            if p.type == "integer" {
                guard let n = Int(value) else { return BadRequest("\(p.name) must be a whole number.", field: p.name) }
                if let min = p.minimum, n < min { return BadRequest("\(p.name) must be at least \(min).", field: p.name) }
                if let max = p.maximum, n > max { return BadRequest("\(p.name) must be at most \(max).", field: p.name) }
            }
            if p.format == "date-time", (try? Date.ISO8601FormatStyle().parse(value)) == nil {
                return BadRequest("\(p.name) must be a date and time such as 2025-01-31T00:00:00Z.", field: p.name)
            }
        }
        return nil
    }
}

struct ParameterCheckMiddleware: RouterMiddleware {
    let checks: ParameterChecks

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        if let endpoint = context.endpointPath,
           let problem = checks.check(method: request.method.rawValue, endpoint: endpoint, query: FormQuery(request.uri.query)) {
            throw problem
        }
        return try await next(request, context)
    }
}
