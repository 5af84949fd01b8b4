import Foundation

/// Pure work spread over every core: the log's segments, a snapshot's parts, and the offline commands' files.
public enum Concurrent {
    /// `transform` of each element, computed concurrently, in the elements' order.
    public static func map<Element: Sendable, Output>(_ elements: [Element], _ transform: @Sendable (Element) -> Output) -> [Output] {
        let slots = Slots<Output>(count: elements.count)
        DispatchQueue.concurrentPerform(iterations: elements.count) { index in
            slots.set(index, transform(elements[index]))
        }
        return slots.values
    }

    /// One result per index, each written once by whichever thread computed it.
    private final class Slots<Output>: @unchecked Sendable {
        private var storage: [Output?]
        private let lock = NSLock()

        init(count: Int) { self.storage = Array(repeating: nil, count: count) }

        func set(_ index: Int, _ value: Output) { self.lock.withLock { self.storage[index] = value } }

        var values: [Output] { self.lock.withLock { self.storage.map { $0! } } }
    }
}
