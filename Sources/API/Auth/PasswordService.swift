import KFModels

/// Runs password hashing on its own thread: each PBKDF2 costs tens of milliseconds of CPU, which must
/// not occupy Swift's cooperative pool (two threads here) or the server's event loops. Being one
/// serial actor it also caps the CPU that a flood of login attempts can take to one core.
actor PasswordService {
    private let executor = ThreadExecutor(name: "kf-password")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    let hasher: PasswordHasher

    init(hasher: PasswordHasher = PasswordHasher()) {
        self.hasher = hasher
    }

    deinit { executor.shutdown() }

    func hash(password: String) -> (hash: String, salt: String) {
        hasher.hash(password: password)
    }

    func verify(password: String, hash: String, salt: String) -> Bool {
        hasher.verify(password: password, hash: hash, salt: salt)
    }
}
