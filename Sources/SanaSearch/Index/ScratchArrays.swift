import Synchronization

/// Zeroed score arrays for searches to borrow. A search writes to few entries of an array the
/// size of the whole index; allocating and zeroing a fresh one each time cost about as much as
/// scoring at a million articles. A returned array is cleared entry by entry, where it was written.
final class ScratchArrays: Sendable {
    private let free = Mutex<[[Float]]>([])
    private let keep = 8

    /// An array of `count` zeros.
    func take(_ count: Int) -> [Float] {
        let found: [Float]? = free.withLock { arrays in
            guard let i = arrays.firstIndex(where: { $0.count == count }) else { return nil }
            return arrays.remove(at: i)
        }
        return found ?? [Float](repeating: 0, count: count)
    }

    /// Takes back an array whose only non-zero entries are at `written`.
    func give(_ array: consuming [Float], written: some Collection<Int32>) {
        var array = array
        array.withUnsafeMutableBufferPointer { a in
            // Past an eighth of the array, clearing it whole is quicker than entry by entry.
            if written.count > a.count / 8 {
                a.update(repeating: 0)
            } else {
                for i in written where Int(i) < a.count { a[Int(i)] = 0 }
            }
        }
        let cleared = array
        free.withLock { arrays in if arrays.count < keep { arrays.append(cleared) } }
    }
}
