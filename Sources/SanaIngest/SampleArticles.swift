import Foundation
import SanaStore

/// The original sample articles bundled with Sana, loaded into an empty database on first start.
public enum SampleArticles {
    /// The folder of sample files (Markdown and page format) inside the package resources.
    public static var folder: String? {
        Bundle.module.resourceURL?.appendingPathComponent("Samples").path
    }

    /// Imports the samples when the store holds no article at all; returns the summary, or nil
    /// when the store was not empty.
    public static func loadIfEmpty(into store: some ArticleStore) async throws -> ImportSummary? {
        guard try await store.counts().total == 0, let folder else { return nil }
        return try await Importer(store: store).run(paths: [folder], options: ImportOptions())
    }
}
