import Foundation

/// The OpenAPI document, served byte for byte at `/api/v1/openapi.json`.
public enum APIContract {
    public static func document() throws -> Data {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json") else {
            throw CocoaError(.fileNoSuchFile)
        }
        return try Data(contentsOf: url)
    }
}
