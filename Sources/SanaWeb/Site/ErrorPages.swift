extension PageRenderer {
    /// The 404 page, with the search box (see `ErrorPages`).
    func notFound() -> String {
        render("notfound", base(title: "Page not found", description: "Page not found", path: nil))
    }

    func serverError() -> String {
        render("error", base(title: "Something went wrong", description: "Something went wrong", path: nil))
    }

    /// The 400 page, naming what was wrong with the request.
    func badRequest(_ message: String) -> String {
        var ctx = base(title: "Bad request", description: "Bad request", path: nil)
        ctx["message"] = message
        return render("badrequest", ctx)
    }
}
