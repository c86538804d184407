import Foundation

/// Whether another socket already listens on an address, found by binding it as the server
/// will (with SO_REUSEADDR, so connections closing in TIME_WAIT do not count).
public enum PortCheck {
    public static func isInUse(host: String, port: Int) -> Bool {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return false }
        defer { freeaddrinfo(list) }
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let info = node {
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            if fd >= 0 {
                var yes: Int32 = 1
                setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
                let bound = bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen)
                let failure = errno
                close(fd)
                if bound != 0 && failure == EADDRINUSE { return true }
            }
            node = info.pointee.ai_next
        }
        return false
    }
}
