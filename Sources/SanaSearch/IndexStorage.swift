/// Memory housekeeping of the index, for bulk loads and the benchmarks' reports.
extension SearchIndex {
    /// Copies each posting list into storage of its exact size: lists grow by doubling while the
    /// index is built, which leaves up to half of their memory unused. Call after a bulk load.
    public func trimStorage() {
        lock.write {
            for t in postings.indices where postings[t].capacity > postings[t].count {
                postings[t] = postings[t].withUnsafeBufferPointer { Array($0) }
            }
        }
    }

    /// Approximate bytes held by each part of the index (payloads only, without allocator and
    /// string overheads), for the benchmarks' memory reports.
    public func storageReport() -> [String: Int] {
        lock.read {
            var report: [String: Int] = [:]
            report["postings"] = postings.reduce(0) { $0 + $1.capacity } * MemoryLayout<Posting>.stride
            report["section_text"] = docs.reduce(0) { $0 + $1.sections.reduce(0) { $0 + $1.text.capacity } }
            report["section_terms"] = docs.reduce(0) { $0 + $1.sections.reduce(0) { $0 + $1.terms.capacity * 4 } }
            report["doc_records"] = docs.capacity * MemoryLayout<IndexedDoc>.stride
                + docs.reduce(0) { $0 + $1.sections.capacity * MemoryLayout<IndexedSection>.stride }
            report["doc_strings"] = docs.reduce(0) { total, d in
                total + [d.id, d.slug, d.title, d.summary, d.focus ?? "", d.categorySlug].reduce(0) { $0 + $1.utf8.count }
                    + d.alsoCalled.reduce(0) { $0 + $1.utf8.count } + d.focusKeys.reduce(0) { $0 + $1.utf8.count }
                    + d.keyTerms.count * 4 + d.tags.reduce(0) { $0 + $1.utf8.count }
            }
            report["terms"] = terms.reduce(0) { $0 + $1.utf8.count + 16 } + termSurfaces.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 16 } }
            return report
        }
    }
}
