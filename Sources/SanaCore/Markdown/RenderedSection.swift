/// A section with the HTML the article page shows for its body: already escaped, built only
/// from the markup `MarkdownWalker` allows.
public struct RenderedSection: Sendable, Equatable {
    public var section: Section
    public var html: String

    public init(section: Section, html: String) {
        self.section = section
        self.html = html
    }
}
