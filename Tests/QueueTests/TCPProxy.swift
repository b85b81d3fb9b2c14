import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP forwarder to the broker that tests can take down and bring back, to simulate a
/// broker outage or restart without touching the shared broker: `stop()` cuts every proxied
/// connection and refuses new ones; `start()` accepts again on the same port. Threads keep the proxy
/// alive: call `stop()` when done.
final class TCPProxy: @unchecked Sendable {
    // @unchecked Sendable: mutable state is guarded by `lock`.
    private let lock = NSLock()
    private let targetPort: UInt16
    private(set) var port: UInt16 = 0
    private var listener: Int32 = -1
    /// Signalled by the accept thread once it has closed its listening socket.
    private var acceptLoopDone: DispatchSemaphore?
    /// Open descriptors of proxied connections, each pair with the number of its pumps still running.
    private var pairs: [Int32: (peer: Int32, running: Int)] = [:]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts listening on an ephemeral loopback port, forwarding to `127.0.0.1:targetPort`.
    init(targetPort: Int) throws {
        self.targetPort = UInt16(targetPort)
        try start()
    }

    /// Accepts connections (again) on `port`.
    func start() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(socket, 64) == 0 else {
            close(socket)
            throw Failure(description: "bind/listen on port \(port): errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        let done = DispatchSemaphore(value: 0)
        lock.withLock {
            listener = socket
            acceptLoopDone = done
            port = UInt16(bigEndian: address.sin_port)
        }
        Thread.detachNewThread { [self] in
            acceptLoop(socket)
            // Closed only here, so the descriptor cannot be reused while accept() may still use it.
            close(socket)
            done.signal()
        }
    }

    /// Cuts every proxied connection and stops accepting (connects are refused until `start()`).
    func stop() {
        let done = lock.withLock { () -> DispatchSemaphore? in
            if listener >= 0 {
                // Wakes the accept thread (accept fails), which then closes the socket.
                shutdown(listener, Int32(SHUT_RDWR))
                listener = -1
            }
            // Descriptors are closed only by their pumps, under the lock, so none is reused here.
            for (descriptor, pair) in pairs {
                shutdown(descriptor, Int32(SHUT_RDWR))
                shutdown(pair.peer, Int32(SHUT_RDWR))
            }
            defer { acceptLoopDone = nil }
            return acceptLoopDone
        }
        done?.wait()
    }

    private func acceptLoop(_ socket: Int32) {
        while true {
            let client = accept(socket, nil, nil)
            guard client >= 0 else { return }
            let upstream = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: targetPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            let accepted = lock.withLock { () -> Bool in
                guard listener == socket, connected == 0 else { return false }
                pairs[client] = (upstream, 2)
                return true
            }
            guard accepted else {
                close(client)
                close(upstream)
                continue
            }
            Thread.detachNewThread { [self] in pump(from: client, to: upstream) }
            Thread.detachNewThread { [self] in pump(from: upstream, to: client) }
        }
    }

    /// Copies bytes one way until either side ends, then ends both.
    private func pump(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        loop: while true {
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var written = 0
            while written < count {
                let result = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + written, count - written, Int32(MSG_NOSIGNAL)) }
                guard result > 0 else { break loop }
                written += result
            }
        }
        lock.withLock {
            shutdown(source, Int32(SHUT_RDWR))
            shutdown(destination, Int32(SHUT_RDWR))
            let key = pairs[source] != nil ? source : destination
            guard var pair = pairs[key] else { return }
            pair.running -= 1
            if pair.running == 0 {
                // The second pump of the pair to finish closes both descriptors.
                pairs[key] = nil
                close(key)
                close(pair.peer)
            } else {
                pairs[key] = pair
            }
        }
    }

    private static func loopback(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
