import CCurl
import Foundation

/// Drives every transfer of one client with libcurl's multi interface on a dedicated thread.
///
/// Blocking curl calls never run on Swift's cooperative pool: callers submit a transfer and await
/// its continuation (or consume its line stream) while this thread polls the sockets.
final class CurlLoop: @unchecked Sendable {
    // @unchecked Sendable: `incoming`/`stopping` are guarded by `lock`; `active` is touched only
    // on the loop thread; `multi` is used from other threads only through `curl_multi_wakeup`,
    // which libcurl documents as thread-safe.
    private let lock = NSLock()
    private var incoming: [CurlTransfer] = []
    private var stopping = false
    private var active: [UnsafeMutableRawPointer: CurlTransfer] = [:]
    private let multi: UnsafeMutableRawPointer

    init(name: String) {
        CurlLoop.initializeOnce
        multi = curl_multi_init()!
        let thread = Thread { [self] in
            Thread.current.name = name
            self.run()
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    private static let initializeOnce: Void = { _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// Hands a transfer to the loop thread.
    func submit(_ transfer: CurlTransfer) {
        lock.lock()
        incoming.append(transfer)
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    /// Aborts a transfer; its delivery finishes with a `.cancelled` error.
    func cancel(_ transfer: CurlTransfer) {
        transfer.cancelled.store(true, ordering: .relaxed)
        curl_multi_wakeup(multi)
    }

    /// Stops the thread after aborting every transfer still running.
    func shutdown() {
        lock.lock()
        stopping = true
        lock.unlock()
        curl_multi_wakeup(multi)
    }

    private func run() {
        var running: Int32 = 0
        while true {
            lock.lock()
            let added = incoming
            incoming.removeAll()
            let stop = stopping
            lock.unlock()
            for transfer in added {
                active[transfer.easy] = transfer
                curl_multi_add_handle(multi, transfer.easy)
            }
            if stop { break }
            curl_multi_perform(multi, &running)
            collectFinished()
            for (easy, transfer) in active where transfer.cancelled.load(ordering: .relaxed) {
                finish(easy: easy, transfer: transfer, code: CURLE_ABORTED_BY_CALLBACK)
            }
            curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        for (easy, transfer) in active { finish(easy: easy, transfer: transfer, code: CURLE_ABORTED_BY_CALLBACK) }
        curl_multi_cleanup(multi)
    }

    private func collectFinished() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle,
                  let transfer = active[easy] else { continue }
            finish(easy: easy, transfer: transfer, code: message.pointee.data.result)
        }
    }

    private func finish(easy: UnsafeMutableRawPointer, transfer: CurlTransfer, code: CURLcode) {
        curl_multi_remove_handle(multi, easy)
        active[easy] = nil
        transfer.complete(code)
    }
}
