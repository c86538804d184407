import Foundation
import Hummingbird
import SanaCore
import SanaStore

/// `GET /editor/articles/:id`: every revision of an article, newest first, with the review step
/// the signed-in role may take on the latest one; and `…/diff?from=&to=`, two revisions compared
/// line by line. Every value goes through the templates' escaping. An archived article's history
/// can be read, but no step is offered on it.
extension EditorRoutes {
    func history(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let stored = try await anyArticle(context)
        try await seedImportedReview(stored)
        let revisions = try await settings.revisions.revisions(articleID: stored.id)
        let archived = stored.status == .archived
        let latest = revisions.last
        let role = session.user.role
        var ctx = renderer.editorBase(title: "History: " + stored.title, session: session)
        ctx["title"] = (latest?.article ?? stored).title
        ctx["status"] = stored.status.rawValue
        if stored.status == .published { ctx["publicURL"] = SitePath.article(slug: stored.slug).href }
        ctx["diffURL"] = EditorPath.history(id: stored.id, "diff")
        ctx["hasRevisions"] = !revisions.isEmpty
        ctx["revisions"] = revisions.reversed().map { revision -> [String: Any] in
            var row: [String: Any] = ["number": String(revision.number), "state": revision.state.rawValue, "author": revision.author,
                                      "date": revision.createdAt.formatted(.iso8601)]
            if let reviewer = revision.reviewer { row["reviewer"] = reviewer }
            if let comment = revision.comment { row["comment"] = comment }
            // false, not missing: a missing key would find the page's own diffURL (Mustache looks outwards).
            row["diffURL"] = revision.number > 1 ? EditorPath.history(id: stored.id, "diff") + "?from=\(revision.number - 1)&to=\(revision.number)" : false
            if role == .writer, !archived, revision.number != latest?.number { row["restoreURL"] = EditorPath.history(id: stored.id, "restore") }
            return row
        }
        if let latest, !archived {
            ctx["latest"] = String(latest.number)
            ctx["latestState"] = latest.state.rawValue
            let action = { (step: String) in EditorPath.history(id: stored.id, step) }
            var own = false
            if role == .reviewer, latest.state == .submitted {
                own = try await settings.revisions.isOwnWriting(session.user.name, articleID: stored.id, number: latest.number)
            }
            switch (role, latest.state) {
            case (.writer, .draft): ctx["submitURL"] = action("submit")
            case (.reviewer, .submitted) where own: ctx["ownWriting"] = true
            case (.reviewer, .submitted): ctx["approveURL"] = action("approve"); ctx["rejectURL"] = action("reject")
            case (.editor, .approved): ctx["publishURL"] = action("publish")
            default: break
            }
        }
        if role == .writer, !archived { ctx["editURL"] = EditorPath.draft(id: stored.id) }
        if role == .editor, stored.status == .published { ctx["archiveURL"] = EditorPath.history(id: stored.id, "archive") }
        return page(renderer.render("editor-history", ctx))
    }

    func diff(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let stored = try await anyArticle(context)
        let latest = try await settings.revisions.latest(articleID: stored.id)?.number ?? 0
        let to = request.uri.queryParameters.get("to").flatMap { Int($0) } ?? latest
        let from = request.uri.queryParameters.get("from").flatMap { Int($0) } ?? to - 1
        var ctx = renderer.editorBase(title: "Compare revisions: " + stored.title, session: session)
        ctx["historyURL"] = EditorPath.history(id: stored.id)
        ctx["title"] = stored.title
        ctx["diffURL"] = EditorPath.history(id: stored.id, "diff")
        ctx["from"] = String(from); ctx["to"] = String(to)
        guard from >= 1, to >= 1 else { return page(renderer.render("editor-diff", ctx)) }
        guard let old = try await settings.revisions.revision(articleID: stored.id, number: from),
              let new = try await settings.revisions.revision(articleID: stored.id, number: to) else { throw HTTPError(.notFound) }
        ctx["hasDiff"] = true
        ctx["lines"] = LineDiff.lines(from: Self.diffText(old.article), to: Self.diffText(new.article)).map { line -> [String: Any] in
            ["change": line.change.rawValue, "sign": line.change == .same ? " " : line.change == .added ? "+" : "−", "text": line.text]
        }
        return page(renderer.render("editor-diff", ctx))
    }

    /// The article the path names, in any status (archived ones too); else 404.
    func anyArticle(_ context: EditorRequestContext) async throws -> Article {
        guard let article = try await store.article(id: context.parameters.get("id") ?? "") else { throw HTTPError(.notFound) }
        return article
    }

    /// What a diff compares: the form's fields, one per line, then the body's lines.
    static func diffText(_ a: Article) -> [String] {
        ["Title: " + a.title, "Category: " + a.category.name, "Summary: " + a.summary, ""] + a.body.components(separatedBy: "\n")
    }
}
