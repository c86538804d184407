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
            report["records"] = records.storedBytes
            report["article_arrays"] = docRecord.count * (MemoryLayout<Int>.stride + MemoryLayout<SIMD4<Float>>.stride + 13)
            report["suggestions"] = suggestionTable.storedBytes
            report["names"] = focusDocs.storedBytes + groupIDs.capacity * 12 + docNumber.capacity * 20
            report["terms"] = terms.reduce(0) { $0 + $1.utf8.count + 16 } + termSurfaces.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 16 } }
            return report
        }
    }
}
