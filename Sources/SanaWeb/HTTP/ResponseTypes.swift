import Hummingbird

/// An HTML page made for one request (the error pages): sent as it is, neither cached nor
/// revalidated.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var html: String

    func response(from request: Request, context: some RequestContext) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A cached page as the answer to one request: 304 when the browser's copy is current, the gzip
/// copy when accepted (see `CachedPage.response(to:cacheControl:)`), kept by caches as
/// `cacheControl` says.
struct CachedPageResponse: ResponseGenerator {
    var page: CachedPage
    var cacheControl: String

    init(_ page: CachedPage, cacheControl: String) {
        self.page = page
        self.cacheControl = cacheControl
    }

    func response(from request: Request, context: some RequestContext) -> Response {
        page.response(to: request, cacheControl: cacheControl)
    }
}

/// JSON made for one request (the health check, suggestions), kept by caches as `cacheControl` says.
struct JSONResponse: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var json: ByteBuffer
    var cacheControl: String

    func response(from request: Request, context: some RequestContext) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        headers[.cacheControl] = cacheControl
        return Response(status: status, headers: headers, body: .init(byteBuffer: json))
    }
}
