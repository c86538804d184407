import Foundation
import Hummingbird

/// A request no route matched, to a path the document has with other methods: 405 with `Allow`
/// rather than 404 (Hummingbird's router answers both alike).
struct MethodNotAllowedMiddleware: RouterMiddleware {
    let methodsByPath: [String: [String]]

    /// Each documented path with its methods (HEAD beside GET; OPTIONS everywhere, answered by CORS).
    static func table(document: Data) throws -> [String: [String]] {
        let root = try JSONSerialization.jsonObject(with: document) as? [String: Any] ?? [:]
        var table: [String: [String]] = [:]
        for (path, item) in root["paths"] as? [String: [String: Any]] ?? [:] {
            var methods = item.keys.map { $0.uppercased() } + ["OPTIONS"]
            if methods.contains("GET") { methods.append("HEAD") }
            table[path] = methods.sorted()
        }
        return table
    }

    func handle(_ request: Request, context: SanaRequestContext,
                next: (Request, SanaRequestContext) async throws -> Response) async throws -> Response {
        guard context.endpointPath == nil, let methods = Self.methods(for: request.uri.path, in: methodsByPath) else {
            return try await next(request, context)
        }
        throw ProblemDetails(status: .methodNotAllowed, detail: "\(request.uri.path) takes \(methods.joined(separator: ", ")).",
                             headers: ["Allow": methods.joined(separator: ", ")])
    }

    /// The methods of the template `path` fits (`{name}` takes one segment), if any.
    static func methods(for path: String, in table: [String: [String]]) -> [String]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for (template, methods) in table {
            let parts = template.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == segments.count else { continue }
            if zip(parts, segments).allSatisfy({ p, s in p == s || (p.hasPrefix("{") && p.hasSuffix("}") && !s.isEmpty) }) { return methods }
        }
        return nil
    }
}
