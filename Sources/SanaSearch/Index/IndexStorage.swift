/// Memory housekeeping of the index, for the benchmarks' reports.
extension IndexSnapshot {
    /// Approximate bytes held by each part of the index (payloads only, without allocator and
    /// string overheads), for the benchmarks' memory reports.
    func storageReport() -> [String: Int] {
        var report: [String: Int] = [:]
        report["postings"] = postings.reduce(0) { $0 + $1.capacity } * MemoryLayout<Posting>.stride
        report["records"] = records.storedBytes
        report["article_arrays"] = docRecord.count * (MemoryLayout<Int>.stride + MemoryLayout<SIMD4<Float>>.stride + 13)
        report["suggestions"] = suggestionTable.storedBytes
        report["names"] = focusDocs.storedBytes + unpublished.storedBytes + groupIDs.capacity * 12 + docNumber.capacity * 20
        report["terms"] = terms.reduce(0) { $0 + $1.utf8.count + 16 } + termSurfaces.reduce(0) { $0 + $1.reduce(0) { $0 + $1.utf8.count + 16 } }
        report["mapped_file"] = mappings.reduce(0) { $0 + $1.bytes.count }
        return report
    }
}
