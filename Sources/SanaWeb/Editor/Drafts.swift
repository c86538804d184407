import Foundation
import Hummingbird
import SanaCore
import SanaStore

/// Writers' drafts: a new draft and the edit form, stored through `ArticleStore` as articles
/// with status draft (never shown on the public site). Every save is one audit entry. A form
/// the store refuses comes back with what was typed and the field named; a save over a newer
/// revision than the form was opened at is refused (409) instead of overwriting it.
extension EditorRoutes {
    /// What the form holds, as typed.
    struct DraftForm {
        var title = "", category = "", summary = "", body = ""
        var revision: Int?

        init() {}

        init(_ form: FormQuery) {
            title = form["title"] ?? ""; category = form["category"] ?? ""
            summary = form["summary"] ?? ""; body = form["body"] ?? ""
            revision = form["revision"].flatMap { Int($0) }
        }

        init(_ article: Article) {
            title = article.title; category = article.category.name; summary = article.summary; body = article.body
            revision = article.revision
        }

        /// The first field that is missing, named as on the form.
        var missingField: String? {
            if title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "Title" }
            if category.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "Category" }
            return nil
        }
    }

    func newDraftForm(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        draftPage(context, form: DraftForm(), action: EditorPath.drafts, heading: "New draft")
    }

    func createDraft(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let form = DraftForm(context.form)
        let page = { (status: HTTPResponse.Status, message: String) in
            draftPage(context, form: form, action: EditorPath.drafts, heading: "New draft", status: status, message: message)
        }
        if let missing = form.missingField { return page(.unprocessableContent, "\(missing): must not be empty.") }
        let id = "ed-" + UUID().uuidString.lowercased()
        var slug = Slug.make(from: form.title, fallback: id)
        if try await store.article(slug: slug) != nil { slug += "-" + id.dropFirst(3).prefix(8) }
        let now = settings.now()
        let draft = Article(id: id, slug: slug, title: form.title, summary: form.summary, body: form.body,
                            category: Category(name: form.category), status: .draft, createdAt: now)
        do { _ = try await store.upsert(draft) } catch let error as StoreError {
            return page(.unprocessableContent, Self.message(error))
        }
        try await settings.accounts.appendAudit(AuditEntry(at: now, actor: session.user.name, action: "draft.create", articleID: id, toRevision: 1))
        return Self.redirect(to: EditorPath.draft(id: id))
    }

    func editDraftForm(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let draft = try await storedDraft(context)
        return draftPage(context, form: DraftForm(draft), action: EditorPath.draft(id: draft.id), heading: "Edit draft")
    }

    func saveDraft(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let stored = try await storedDraft(context)
        let form = DraftForm(context.form)
        let page = { (status: HTTPResponse.Status, message: String) in
            draftPage(context, form: form, action: EditorPath.draft(id: stored.id), heading: "Edit draft", status: status, message: message)
        }
        if let missing = form.missingField { return page(.unprocessableContent, "\(missing): must not be empty.") }
        guard form.revision == stored.revision else {
            return page(.conflict, "Someone saved this draft after you opened it (it is now at revision \(stored.revision)). Your text is below; copy it, reload the page and make your changes again.")
        }
        var draft = stored
        draft.title = form.title; draft.category = Category(name: form.category); draft.body = form.body
        draft.summary = form.summary.isEmpty ? Summary.derive(from: form.body) : form.summary
        draft.updatedAt = settings.now()
        let outcome: UpsertOutcome
        do { outcome = try await store.upsert(draft) } catch let error as StoreError { return page(.unprocessableContent, Self.message(error)) }
        if outcome != .unchanged, let saved = try await store.article(id: stored.id) {
            try await settings.accounts.appendAudit(AuditEntry(at: draft.updatedAt, actor: session.user.name, action: "draft.edit", articleID: stored.id,
                                                               fromRevision: stored.revision, toRevision: saved.revision))
        }
        return Self.redirect(to: EditorPath.draft(id: stored.id))
    }

    /// The draft the path names; 404 when there is none (or it is no longer a draft).
    private func storedDraft(_ context: EditorRequestContext) async throws -> Article {
        let id = context.parameters.get("id") ?? ""
        guard let article = try await store.article(id: id), article.status == .draft else { throw HTTPError(.notFound) }
        return article
    }

    private func draftPage(_ context: EditorRequestContext, form: DraftForm, action: String, heading: String,
                           status: HTTPResponse.Status = .ok, message: String? = nil) -> Response {
        var ctx = renderer.editorBase(title: heading, session: context.identity)
        ctx["heading"] = heading
        ctx["formAction"] = action
        ctx["title"] = form.title; ctx["category"] = form.category; ctx["summary"] = form.summary; ctx["body"] = form.body
        if let revision = form.revision { ctx["revision"] = String(revision) }
        if let message { ctx["message"] = message }
        return page(renderer.render("editor-draft", ctx), status: status)
    }

    /// A store's refusal in the form's words.
    static func message(_ error: StoreError) -> String {
        switch error {
        case let .invalid(_, field, message): "\(field.prefix(1).uppercased() + field.dropFirst()): \(message)."
        case .duplicateSlug: "Title: another article already has this address; change the title a little."
        case .notFound: "This draft no longer exists."
        }
    }
}
