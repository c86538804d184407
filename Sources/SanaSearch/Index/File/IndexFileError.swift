/// Why a saved index file cannot be used. None of these is fatal: the caller logs it and builds
/// the index from the database instead (and saves a good file).
public enum IndexFileError: Error, CustomStringConvertible, Sendable, Equatable {
    case missing(String)
    case unreadable(String, String)
    case unwritable(String, String)
    /// Shorter than its own directory says: a copy or a write that stopped part way.
    case truncated(String)
    /// Written by a Sana whose file layout or text analysis differs from this one's.
    case otherVersion(String, String)
    /// A checksum or structure does not match.
    case corrupt(String, String)

    public var description: String {
        switch self {
        case .missing(let path): "no index file at \(path)"
        case .unreadable(let path, let why): "cannot read the index file \(path): \(why)"
        case .unwritable(let path, let why): "cannot write the index file \(path): \(why)"
        case .truncated(let path): "the index file \(path) is truncated"
        case .otherVersion(let path, let why): "the index file \(path) was written by another version of Sana (\(why))"
        case .corrupt(let path, let why): "the index file \(path) is corrupt (\(why))"
        }
    }
}
