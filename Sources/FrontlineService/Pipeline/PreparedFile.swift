import Crypto
import FrontlineCore
import FrontlineStore
import Synchronization
import SystemPackage

/// One inbox file read, hashed, decoded, extracted and its text stored: the work of ingest that
/// needs no ledger, done for several files at once on the cooperative pool. The ingestor then
/// decides each file's outcome from it, in arrival order.
///
/// Nothing here is visible to anyone: the text store is content-addressed (a text written for a
/// file that turns out to be a duplicate is the same bytes under the same name), and a file is
/// only recorded, alerted or moved by the ingestor and the finisher.
struct PreparedFile: Sendable {
    enum Content: Sendable {
        /// The file vanished before it could be read.
        case gone
        /// A file whose outcome is already in the log (same identity).
        case known(FileIdentity)
        /// Not an article: the reason says what and what to do.
        case unusable(reason: String, source: FileIdentity?)
        /// Bytes that do not read as an article.
        case unreadable(id: String, reason: String, source: FileIdentity)
        case article(Readable, source: FileIdentity)

        /// The file's identity, when it was opened.
        var source: FileIdentity? {
            switch self {
            case .gone: nil
            case .known(let identity): identity
            case .unusable(_, let identity): identity
            case .unreadable(_, _, let identity), .article(_, let identity): identity
            }
        }
    }

    /// An article, its claims, and the paths to fsync before its record (or the error that kept
    /// its text from being stored, which stops the daemon as any store error does).
    struct Readable: Sendable {
        let id: String
        let bytes: Int
        let article: Article
        let extraction: ExtractionResult
        let text: Result<[FilePath], StoreError>
    }

    let name: InboxName
    let content: Content
    /// When the file was taken up, for the ingest latency histogram.
    let started: ContinuousClock.Instant

    /// Reads and extracts `name` with the settings of the moment (a reload applies from the next
    /// file prepared).
    static func prepare(_ name: InboxName, settings: LiveSettings, texts: ArticleTextStore, recorded: RecordedFiles) -> PreparedFile {
        let started = ContinuousClock.now
        let live = settings.current
        let configuration = live.configuration
        let content: Content
        switch InboxFile.read(name, in: configuration.inbox, maxBytes: configuration.maxArticleBytes, isKnown: recorded.contains) {
        case .gone:
            content = .gone
        case .known(let identity):
            content = .known(identity)
        case .unusable(let reason, let identity):
            content = .unusable(reason: reason, source: identity)
        case .bytes(let bytes, let identity):
            let id = Hex.encode(SHA256.hash(data: bytes))
            switch ArticleReader(lexicon: live.lexicon).read(id: id, file: name.display, bytes: bytes) {
            case .failure(let failure):
                content = .unreadable(id: id, reason: failure.reason, source: identity)
            case .success(let article):
                let extraction = ClaimExtractor(lexicon: live.lexicon).extract(article: article)
                let text = Result { () throws(StoreError) in try texts.write(id: id, text: article.text) }
                content = .article(Readable(id: id, bytes: bytes.count, article: article, extraction: extraction, text: text), source: identity)
            }
        }
        return PreparedFile(name: name, content: content, started: started)
    }
}

/// Inbox files whose outcome is in the log, by identity (see ``FileIdentity``): written by the
/// ingestor, read by the files being prepared (which skip reading a file already recorded).
final class RecordedFiles: Sendable {
    private let files: Mutex<[FileIdentity: PendingOutcome.Disposal]>

    init(_ files: [FileIdentity: PendingOutcome.Disposal] = [:]) {
        self.files = Mutex(files)
    }

    func contains(_ identity: FileIdentity) -> Bool {
        self.files.withLock { $0[identity] != nil }
    }

    var all: [FileIdentity: PendingOutcome.Disposal] {
        self.files.withLock { $0 }
    }

    subscript(identity: FileIdentity) -> PendingOutcome.Disposal? {
        get { self.files.withLock { $0[identity] } }
        set { self.files.withLock { $0[identity] = newValue } }
    }
}

/// A bounded number of files in preparation or waiting for the ingestor: the reader of the inbox
/// waits for a permit, the ingestor returns it when it takes the file, so a burst of thousands of
/// files holds a few in memory at a time.
final class PreparationPermits: Sendable {
    private struct State {
        var available: Int
        var waiting: [CheckedContinuation<Bool, Never>] = []
        var closed = false
    }

    private let state: Mutex<State>

    init(_ count: Int) {
        self.state = Mutex(State(available: count))
    }

    /// Waits for a permit; false once closed (the ingestor stopped).
    func acquire() async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let granted: Bool? = self.state.withLock { state in
                if state.closed { return false }
                if state.available > 0 {
                    state.available -= 1
                    return true
                }
                state.waiting.append(continuation)
                return nil
            }
            if let granted { continuation.resume(returning: granted) }
        }
    }

    func release() {
        let next = self.state.withLock { state -> CheckedContinuation<Bool, Never>? in
            if state.waiting.isEmpty {
                state.available += 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume(returning: true)
    }

    /// Wakes every waiter with false, and refuses later requests.
    func close() {
        let waiting = self.state.withLock { state in
            state.closed = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume(returning: false) }
    }
}
