import Foundation
import Hummingbird
import SanaCore
import SanaStore

/// Writers' drafts: a new draft and the edit form. Every save is a new draft revision
/// (`RevisionStore`) and one audit entry; a never-published article is also kept as an article
/// with status draft (never shown on the public site). A form
/// the store refuses comes back with what was typed and the field named; a save over a newer
/// revision than the form was opened at is refused (409) instead of overwriting it.
extension EditorRoutes {
    /// What the form holds, as typed.
    struct DraftForm {
        var title = "", category = "", summary = "", body = ""
        var revision: Int?
        /// The Preview button was pressed: show the form with its preview, save nothing.
        var wantsPreview = false

        init() {}

        init(_ form: FormQuery) {
            title = form["title"] ?? ""; category = form["category"] ?? ""
            // Browsers send a textarea's line breaks as CR LF (HTML's form encoding); the store
            // keeps text with LF only, as Markdown files have it.
            summary = Self.lineFeeds(form["summary"] ?? ""); body = Self.lineFeeds(form["body"] ?? "")
            revision = form["revision"].flatMap { Int($0) }
            wantsPreview = form["preview"] != nil
        }

        init(_ article: Article) {
            title = article.title; category = article.category.name; summary = article.summary; body = article.body
            revision = article.revision
        }

        static func lineFeeds(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }

        /// Titles and category names show in headings, lists and addresses; a megabyte of one
        /// (the form admits 4 MiB) would also be transliterated for the slug on every save.
        static var maxNameLength: Int { 300 }

        /// What is wrong with the first field that is missing or too long, named as on the form.
        var problem: String? {
            for (field, text) in [("Title", title), ("Category", category)] {
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return "\(field): must not be empty." }
                // Counted by scalar: a flood of combining marks is one grapheme however long it is.
                let length = text.unicodeScalars.count
                if length > Self.maxNameLength { return "\(field): at most \(Self.maxNameLength) characters (this one has \(length))." }
            }
            return nil
        }
    }

    /// `?title=`: the title to start with (a question of the backlog).
    func newDraftForm(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        var form = DraftForm()
        form.title = String((request.uri.queryParameters.get("title") ?? "").prefix(300))
        return draftPage(context, form: form, action: EditorPath.drafts, heading: "New draft")
    }

    func createDraft(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let form = DraftForm(context.form)
        let page = { (status: HTTPResponse.Status, message: String?) in
            draftPage(context, form: form, action: EditorPath.drafts, heading: "New draft", status: status, message: message)
        }
        // The Preview button: the form again with its preview, nothing saved.
        if form.wantsPreview { return page(.ok, nil) }
        if let problem = form.problem { return page(.unprocessableContent, problem) }
        let draft: Article
        do {
            (draft, _) = try await actions.createDraft(title: form.title, category: form.category, summary: form.summary, body: form.body,
                                                       author: session.user.name)
        } catch let error as StoreError {
            return page(.unprocessableContent, Self.message(error))
        }
        return Self.redirect(to: EditorPath.draft(id: draft.id))
    }

    func editDraftForm(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let stored = try await editableArticle(context)
        let latest = try await settings.revisions.latest(articleID: stored.id)
        var form = DraftForm(latest?.article ?? stored)
        form.revision = latest?.number ?? 0
        return draftPage(context, form: form, action: EditorPath.draft(id: stored.id), heading: "Edit draft", stored: stored)
    }

    /// A save is a new draft revision. The public row follows only while the article has never
    /// been published; a published article's row waits for the revision's review and publishing.
    func saveDraft(_ request: Request, _ context: EditorRequestContext) async throws -> Response {
        let session = try context.requireIdentity()
        let stored = try await editableArticle(context)
        let form = DraftForm(context.form)
        let page = { (status: HTTPResponse.Status, message: String?) in
            draftPage(context, form: form, action: EditorPath.draft(id: stored.id), heading: "Edit draft", stored: stored, status: status, message: message)
        }
        if form.wantsPreview { return page(.ok, nil) }
        if let problem = form.problem { return page(.unprocessableContent, problem) }
        let latest = try await settings.revisions.latest(articleID: stored.id)
        let current = latest?.number ?? 0
        guard form.revision == current else {
            return page(.conflict, "Someone saved this draft after you opened it (it is now at revision \(current)). Your text is below; copy it, reload the page and make your changes again.")
        }
        var draft = latest?.article ?? stored
        draft.title = form.title; draft.category = Category(name: form.category); draft.body = form.body
        draft.summary = form.summary.isEmpty ? Summary.derive(from: form.body) : form.summary
        if let latest, latest.article.hasSameContent(as: draft) { return Self.redirect(to: EditorPath.draft(id: stored.id)) }
        do {
            let saved = try await saveRevision(draft, of: stored, author: session.user.name, expected: current)
            try await settings.accounts.appendAudit(AuditEntry(at: saved.createdAt, actor: session.user.name, action: "draft.edit", articleID: stored.id,
                                                               fromRevision: current == 0 ? nil : current, toRevision: saved.number))
        } catch let error as StoreError {
            return page(.unprocessableContent, Self.message(error))
        } catch let error as RevisionError {
            return page(.conflict, error.description + " Your text is below.")
        }
        return Self.redirect(to: EditorPath.draft(id: stored.id))
    }

    /// Saves `content` as the next draft revision of `stored` (see `EditorialActions.saveRevision`).
    func saveRevision(_ content: Article, of stored: Article, author: String, expected: Int) async throws -> EditorialRevision {
        try await actions.saveRevision(content, of: stored, author: author, expected: expected)
    }

    var actions: EditorialActions<Store> { EditorialActions(store: store, settings: settings) }

    /// The article the path names, while it can be edited (a draft, or published); else 404.
    func editableArticle(_ context: EditorRequestContext) async throws -> Article {
        let id = context.parameters.get("id") ?? ""
        guard let article = try await store.article(id: id), article.status != .archived else { throw HTTPError(.notFound) }
        return article
    }

    /// The form, with the preview of what it holds beside it (`DraftPreview.swift`).
    private func draftPage(_ context: EditorRequestContext, form: DraftForm, action: String, heading: String, stored: Article? = nil,
                           status: HTTPResponse.Status = .ok, message: String? = nil) -> Response {
        var ctx = renderer.editorBase(title: heading, session: context.identity)
        if let stored {
            ctx["historyURL"] = EditorPath.history(id: stored.id)
            ctx["articleID"] = stored.id
        }
        ctx["editorScriptURL"] = SitePath.asset("editor.js").href
        ctx["previewURL"] = EditorPath.preview
        ctx["previewHTML"] = renderer.draftPreview(form.article(basedOn: stored))
        ctx["careHelp"] = PageRenderer.careCardHelp
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
