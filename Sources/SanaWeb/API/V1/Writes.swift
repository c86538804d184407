import Foundation
import SanaAPIContract
import SanaCore
import SanaStore

/// The API's writes, with a token (`TokenAuthenticationMiddleware` has checked its scope): the
/// same steps as the editor's forms (`EditorialActions`, `RevisionStore`) under the same rules.
/// What a token writes or signs off is its owner account's (so a reviewer's token cannot approve
/// what its owner wrote); each write is also audited under the token's name.
/// Concurrency: every step but create names the revision it was made against in `If-Match`
/// (the ETag `"rN"` of the latest revision): 428 without it, 412 when another came since.
extension APIv1 {
    /// Who writes, and where: the token's owner, and the editorial stores.
    struct Writer {
        var token: APIToken
        var editor: EditorSettings
    }

    func writer() throws -> Writer {
        guard let token = APICaller.token, let editor else { throw ProblemDetails(status: .unauthorized, headers: ["WWW-Authenticate": "Bearer"]) }
        return Writer(token: token, editor: editor)
    }

    func createArticle(_ input: Operations.CreateArticle.Input) async throws -> Operations.CreateArticle.Output {
        let w = try writer()
        guard case let .json(body) = input.body else { throw Self.unsupported }
        let content = try Self.validated(title: body.title, category: body.category, markdown: body.markdown, summary: body.summary,
                                         focus: body.focus, language: body.language)
        let (article, revision) = try await run(w) {
            try await actions(w).createDraft(title: content.title, category: content.category, summary: body.summary ?? "", body: content.markdown,
                                             author: w.token.owner, focus: body.focus.flatMap { $0.isEmpty ? nil : $0 },
                                             language: body.language.flatMap { $0.isEmpty ? nil : $0 } ?? "en")
        }
        try await audit(w, "api.create", article.id, to: revision.number)
        return .created(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    func replaceArticle(_ input: Operations.ReplaceArticle.Input) async throws -> Operations.ReplaceArticle.Output {
        let w = try writer()
        guard case let .json(body) = input.body else { throw Self.unsupported }
        let content = try Self.validated(title: body.title, category: body.category, markdown: body.markdown, summary: body.summary,
                                         focus: body.focus, language: body.language)
        let revision = try await edit(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch, action: "api.replace") { draft in
            draft.title = content.title; draft.category = Category(name: content.category); draft.body = content.markdown
            draft.summary = body.summary.flatMap { $0.isEmpty ? nil : $0 } ?? Summary.derive(from: content.markdown)
            if let focus = body.focus { draft.focus = focus.isEmpty ? nil : focus }
            if let language = body.language, !language.isEmpty { draft.language = language }
        }
        return .ok(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    func patchArticle(_ input: Operations.PatchArticle.Input) async throws -> Operations.PatchArticle.Output {
        let w = try writer()
        guard case let .applicationMergePatchJson(patch) = input.body else { throw Self.unsupported }
        let revision = try await edit(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch, action: "api.patch") { draft in
            let content = try Self.validated(title: patch.title ?? draft.title, category: patch.category ?? draft.category.name,
                                             markdown: patch.markdown ?? draft.body, summary: patch.summary, focus: patch.focus, language: patch.language)
            draft.title = content.title; draft.category = Category(name: content.category); draft.body = content.markdown
            if let summary = patch.summary { draft.summary = summary.isEmpty ? Summary.derive(from: draft.body) : summary }
            if let focus = patch.focus { draft.focus = focus.isEmpty ? nil : focus }
            if let language = patch.language, !language.isEmpty { draft.language = language }
        }
        return .ok(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    func submitArticle(_ input: Operations.SubmitArticle.Input) async throws -> Operations.SubmitArticle.Output {
        let w = try writer()
        let (article, number) = try await target(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch)
        let revision = try await run(w) {
            try await w.editor.revisions.move(articleID: article.id, number: number, from: [.draft], to: .submitted, actor: w.token.owner)
        }
        try await audit(w, "api.submit", article.id, to: number)
        return .ok(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    func approveArticle(_ input: Operations.ApproveArticle.Input) async throws -> Operations.ApproveArticle.Output {
        let w = try writer()
        let decision: Components.Schemas.Decision? = if case let .json(d) = input.body { d } else { nil }
        let now = w.editor.now()
        var due = EditorRoutes<Store>.utcCalendar.date(byAdding: .year, value: 1, to: now) ?? now
        if let text = decision?.nextReviewDue {
            guard let day = EditorRoutes<Store>.day(text), day > now else {
                throw ProblemDetails(status: .unprocessableContent, detail: "next_review_due: give a future date as YYYY-MM-DD.", field: "next_review_due")
            }
            due = day
        }
        let (article, number) = try await target(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch)
        let comment = EditorRoutes<Store>.trimmed(decision?.comment)
        try Self.check("comment", comment, max: 5_000)
        let revision = try await run(w) {
            try await w.editor.revisions.move(articleID: article.id, number: number, from: [.submitted], to: .approved, actor: w.token.owner,
                                              signOff: true, comment: comment, nextReviewDue: due)
        }
        try await audit(w, "api.approve", article.id, to: number)
        return .ok(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    func rejectArticle(_ input: Operations.RejectArticle.Input) async throws -> Operations.RejectArticle.Output {
        let w = try writer()
        let decision: Components.Schemas.Decision? = if case let .json(d) = input.body { d } else { nil }
        guard let comment = EditorRoutes<Store>.trimmed(decision?.comment) else {
            throw ProblemDetails(status: .unprocessableContent, detail: "comment: say what must change; a rejection needs a comment.", field: "comment")
        }
        try Self.check("comment", comment, max: 5_000)
        let (article, number) = try await target(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch)
        let revision = try await run(w) {
            try await w.editor.revisions.move(articleID: article.id, number: number, from: [.submitted], to: .rejected, actor: w.token.owner,
                                              signOff: true, comment: comment)
        }
        try await audit(w, "api.reject", article.id, to: number)
        return .ok(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    func publishArticle(_ input: Operations.PublishArticle.Input) async throws -> Operations.PublishArticle.Output {
        let w = try writer()
        let (article, number) = try await target(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch)
        let revision = try await run(w) { try await actions(w).publish(article, number: number, actor: w.token.owner) }
        try await audit(w, "api.publish", article.id, to: number)
        return .ok(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    func archiveArticle(_ input: Operations.ArchiveArticle.Input) async throws -> Operations.ArchiveArticle.Output {
        let w = try writer()
        let (article, number) = try await target(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch)
        guard try await actions(w).archive(article, actor: w.token.owner) else {
            throw ProblemDetails(status: .conflict, detail: "Only a published article can be archived; this one is \(article.status.rawValue).")
        }
        try await audit(w, "api.archive", article.id, to: number)
        guard let latest = try await w.editor.revisions.latest(articleID: article.id) else { throw ProblemDetails(status: .conflict) }
        return .ok(.init(headers: .init(eTag: Self.etag(latest)), body: .json(Self.shape(latest))))
    }

    func restoreRevision(_ input: Operations.RestoreRevision.Input) async throws -> Operations.RestoreRevision.Output {
        let w = try writer()
        let (article, number) = try await target(w, input.path.idOrSlug, ifMatch: input.headers.ifMatch)
        guard let earlier = try await w.editor.revisions.revision(articleID: article.id, number: input.path.number) else {
            throw ProblemDetails(status: .notFound, detail: RevisionError.noSuchRevision(input.path.number).description)
        }
        let revision = try await run(w) { try await actions(w).saveRevision(earlier.article, of: article, author: w.token.owner, expected: number) }
        try await audit(w, "api.restore", article.id, from: earlier.number, to: revision.number)
        return .ok(.init(headers: .init(eTag: Self.etag(revision)), body: .json(Self.shape(revision))))
    }

    // MARK: Reading revisions (scope read-drafts)

    func listRevisions(_ input: Operations.ListRevisions.Input) async throws -> Operations.ListRevisions.Output {
        let w = try writer()
        let article = try await editable(input.path.idOrSlug)
        let revisions = try await w.editor.revisions.revisions(articleID: article.id)
        return .ok(.init(body: .json(.init(revisions: revisions.map(Self.shape)))))
    }

    func getRevision(_ input: Operations.GetRevision.Input) async throws -> Operations.GetRevision.Output {
        let w = try writer()
        let article = try await editable(input.path.idOrSlug)
        guard let r = try await w.editor.revisions.revision(articleID: article.id, number: input.path.number) else {
            throw ProblemDetails(status: .notFound, detail: RevisionError.noSuchRevision(input.path.number).description)
        }
        let content = Components.Schemas.RevisionContent(title: r.article.title, category: r.article.category.name, summary: r.article.summary,
                                                      markdown: r.article.body, focus: r.article.focus, language: r.article.language)
        return .ok(.init(body: .json(.init(revision: Self.shape(r), content: content))))
    }

    func diffRevisions(_ input: Operations.DiffRevisions.Input) async throws -> Operations.DiffRevisions.Output {
        let w = try writer()
        let article = try await editable(input.path.idOrSlug)
        let (from, to) = (input.query.from, input.query.to)
        guard let old = try await w.editor.revisions.revision(articleID: article.id, number: from),
              let new = try await w.editor.revisions.revision(articleID: article.id, number: to) else {
            throw ProblemDetails(status: .notFound, detail: "There is no revision \(from) or \(to) of this article.")
        }
        let lines = LineDiff.lines(from: EditorRoutes<Store>.diffText(old.article), to: EditorRoutes<Store>.diffText(new.article)).map {
            Components.Schemas.Diff.LinesPayloadPayload(change: .init(rawValue: $0.change.rawValue) ?? .same, text: $0.text)
        }
        return .ok(.init(body: .json(.init(from: from, to: to, lines: lines))))
    }

    // MARK: Helpers

    static var unsupported: ProblemDetails { ProblemDetails(status: .unsupportedMediaType, detail: "Send the body as JSON.", field: "Content-Type") }

    func actions(_ w: Writer) -> EditorialActions<Store> { EditorialActions(store: site.store, settings: w.editor) }

    /// The article `key` names (id or slug) while it can be edited: a draft or published; else 404.
    func editable(_ key: String) async throws -> Article {
        var found = try await site.store.article(id: key)
        if found == nil, Slug.isValid(key) { found = try await site.store.article(slug: key) }
        guard let article = found, article.status != .archived else {
            throw ProblemDetails(status: .notFound, detail: "No editable article has the id or slug '\(key.prefix(100))'.")
        }
        return article
    }

    /// The article and its latest revision number, provided `If-Match` names it.
    func target(_ w: Writer, _ key: String, ifMatch: String?) async throws -> (Article, Int) {
        let article = try await editable(key)
        // As in the editor: an article imported in review becomes revision 1, submitted, when first touched.
        if article.status == .inReview { try await w.editor.revisions.seedIfEmpty(article) }
        let latest = try await w.editor.revisions.latest(articleID: article.id)?.number ?? 0
        guard let ifMatch else {
            throw ProblemDetails(status: .preconditionRequired, detail: "If-Match is required: send the ETag of the latest revision, \"r\(latest)\".",
                                 field: "If-Match")
        }
        let tags = ifMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard tags.contains("\"r\(latest)\"") else {
            throw ProblemDetails(status: .preconditionFailed,
                                 detail: "If-Match names another revision; the latest is \"r\(latest)\". Read it, then write again.", field: "If-Match")
        }
        return (article, latest)
    }

    /// A new draft revision of the article made by `change`, against the revision `If-Match` names.
    func edit(_ w: Writer, _ key: String, ifMatch: String?, action: String, _ change: (inout Article) throws -> Void) async throws -> EditorialRevision {
        let (article, number) = try await target(w, key, ifMatch: ifMatch)
        let latest = try await w.editor.revisions.latest(articleID: article.id)
        var draft = latest?.article ?? article
        try change(&draft)
        // Nothing changed (an empty PATCH, a PUT repeated): the latest revision stands with its
        // review state, as an idempotent write should leave it; no new revision, nothing audited.
        if let latest, latest.number == number, Self.sameContent(latest.article, draft) { return latest }
        let saved = try await run(w) { try await actions(w).saveRevision(draft, of: article, author: w.token.owner, expected: number) }
        try await audit(w, action, article.id, from: number == 0 ? nil : number, to: saved.number)
        return saved
    }

    /// Whether two versions say the same in every field a write through the API can change.
    static func sameContent(_ a: Article, _ b: Article) -> Bool {
        a.title == b.title && a.category.name == b.category.name && a.body == b.body && a.summary == b.summary
            && a.focus == b.focus && a.language == b.language
    }

    /// Runs a step, its refusals as problems: a sign-off of one's own writing 403, a step on a
    /// revision in the wrong state 409, content the store refuses 422 naming the field.
    func run<T>(_ w: Writer, _ step: () async throws -> T) async throws -> T {
        do {
            return try await step()
        } catch let error as RevisionError {
            if case .ownWriting = error { throw ProblemDetails(status: .forbidden, detail: error.description) }
            throw ProblemDetails(status: .conflict, detail: error.description)
        } catch let error as StoreError {
            if case let .invalid(_, field, message) = error {
                throw ProblemDetails(status: .unprocessableContent, detail: "\(field): \(message)", field: field == "body" ? "markdown" : field)
            }
            throw ProblemDetails(status: .unprocessableContent, detail: error.description)
        }
    }

    func audit(_ w: Writer, _ action: String, _ articleID: String, from: Int? = nil, to: Int?) async throws {
        try await w.editor.accounts.appendAudit(AuditEntry(at: w.editor.now(), actor: "token:" + w.token.name, action: action, articleID: articleID,
                                                           fromRevision: from, toRevision: to, detail: "for \(w.token.owner)"))
    }

    /// The fields of an article as the document bounds them, checked before the store sees them
    /// (422 naming the field; the generated code checks types, not lengths).
    static func validated(title: String, category: String, markdown: String, summary: String?, focus: String?, language: String?) throws
        -> (title: String, category: String, markdown: String) {
        let title = title.trimmingCharacters(in: .whitespacesAndNewlines), category = category.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { throw ProblemDetails(status: .unprocessableContent, detail: "title: must not be empty.", field: "title") }
        if category.isEmpty { throw ProblemDetails(status: .unprocessableContent, detail: "category: must not be empty.", field: "category") }
        try check("title", title, max: 300)
        try check("category", category, max: 120)
        try check("summary", summary, max: 1_000)
        try check("markdown", markdown, max: 200_000)
        try check("focus", focus, max: 200)
        try check("language", language, max: 20)
        return (title, category, markdown)
    }

    /// Lengths count characters, as JSON Schema's `maxLength` does (Unicode scalars).
    static func check(_ field: String, _ value: String?, max: Int) throws {
        guard let value, value.unicodeScalars.count > max else { return }
        throw ProblemDetails(status: .unprocessableContent, detail: "\(field): at most \(max) characters.", field: field)
    }

    static func etag(_ r: EditorialRevision) -> String { "\"r\(r.number)\"" }

    static func shape(_ r: EditorialRevision) -> Components.Schemas.Revision {
        .init(articleId: r.articleID, number: r.number, state: .init(rawValue: r.state.rawValue) ?? .draft, author: r.author,
              createdAt: r.createdAt, comment: r.comment, reviewer: r.reviewer, reviewedAt: r.reviewedAt,
              nextReviewDue: r.nextReviewDue)
    }
}
