import CompressNIO
import Foundation
import Hummingbird
import SanaStore
import Synchronization

/// A response body ready to send again: its bytes, a gzip copy, and the validators that let a
/// browser revalidate it with a 304 instead of downloading it again.
struct CachedPage: Sendable {
    var body: ByteBuffer
    var gzipped: ByteBuffer?
    var etag: String
    /// The gzip copy is another representation, so it has a tag of its own (RFC 9110 8.8.3).
    var gzipETag: String { String(etag.dropLast()) + "-gz\"" }
    var lastModified: Date?
    var contentType: String
    /// The headers every response of this page carries, built once.
    var headers: HTTPFields
    /// For an answers page that answered nothing (well): why, so that every request served
    /// from the cache is counted in the search backlog, not only the one that built it.
    var backlogReason: BacklogReason?

    /// Bodies smaller than this are sent as they are: gzip would save little.
    static let compressionThreshold = 1024

    init(_ text: String, contentType: String = "text/html; charset=utf-8", lastModified: Date? = nil) {
        self.init(bytes: ByteBuffer(string: text), contentType: contentType, lastModified: lastModified)
    }

    init(bytes: ByteBuffer, contentType: String, lastModified: Date? = nil) {
        body = bytes
        self.contentType = contentType
        self.lastModified = lastModified.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
        etag = "\"" + String(bytes.withUnsafeReadableBytes { Self.fnv1a($0) }, radix: 36) + "\""
        if bytes.readableBytes >= Self.compressionThreshold {
            var input = bytes
            gzipped = try? input.compress(with: .gzip())
        }
        headers = HTTPFields()
        headers[.contentType] = contentType
        headers[.eTag] = etag
        headers[.vary] = "Accept-Encoding"
        if let lastModified = self.lastModified { headers[.lastModified] = HTTPDate.format(lastModified) }
    }

    /// FNV-1a, 64 bits: a content hash for the ETag, cheap enough to run on every page built.
    static func fnv1a(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { hash = (hash ^ UInt64(b)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The response for `request`: 304 when the browser's copy is current, gzip when accepted.
    func response(to request: Request, status: HTTPResponse.Status = .ok, cacheControl: String) -> Response {
        var headers = self.headers
        headers[.cacheControl] = cacheControl
        let gzip = gzipped != nil && Self.acceptsGzip(request)
        if gzip { headers[.eTag] = gzipETag }
        if status == .ok, isFresh(for: request) {
            return Response(status: .notModified, headers: headers)
        }
        if gzip, let gzipped {
            headers[.contentEncoding] = "gzip"
            return Response(status: status, headers: headers, body: .init(byteBuffer: gzipped))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }

    func isFresh(for request: Request) -> Bool {
        if let match = request.headers[.ifNoneMatch] {
            return match.split(separator: ",").contains { tag in
                let t = tag.trimmingCharacters(in: .whitespaces)
                return t == "*" || [etag, gzipETag].contains { t == $0 || t == "W/" + $0 }
            }
        }
        if let since = request.headers[.ifModifiedSince], let date = HTTPDate.parse(since), let lastModified {
            return lastModified <= date
        }
        return false
    }

    static func acceptsGzip(_ request: Request) -> Bool {
        guard let accept = request.headers[.acceptEncoding] else { return false }
        return accept.split(separator: ",").contains { part in
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard fields.first == "gzip" else { return false }
            return !fields.dropFirst().contains { $0 == "q=0" || $0 == "q=0.0" || $0 == "q=0.00" || $0 == "q=0.000" }
        }
    }
}

/// RFC 9110 dates for Last-Modified and If-Modified-Since.
enum HTTPDate {
    static func format(_ date: Date) -> String {
        date.formatted(Date.VerbatimFormatStyle(format: "\(weekday: .abbreviated), \(day: .twoDigits) \(month: .abbreviated) \(year: .defaultDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits):\(second: .twoDigits) GMT",
                                                locale: Locale(identifier: "en_US_POSIX"), timeZone: TimeZone(identifier: "GMT")!, calendar: Calendar(identifier: .gregorian)))
    }

    static func parse(_ text: String) -> Date? {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f.date(from: text)
    }
}
