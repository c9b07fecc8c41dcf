import Foundation

/// An array of identified values that finds a value by id in constant time, for
/// `Programme.session(_:)` and its like, which callers call inside loops.
///
/// It is the array for everyone else: equality, hashing and coding are the array's own (the
/// index takes no part in them), and `programme.sessions[i].placements = …` changes the array
/// in place as before. Any change empties the index (a shared one is replaced); the index is built
/// on the second lookup after a change, so code that changes the array between single
/// lookups costs what a linear search cost. The first value with an id wins, as with
/// `first { $0.id == id }`. Copies share an index until one of them changes.
@propertyWrapper
public struct IndexedByID<Element: Identifiable & Hashable & Codable & Sendable>: Hashable, Codable, Sendable {
    public var wrappedValue: [Element] {
        didSet {
            // An index no copy shares can be emptied where it is (no reader can see it now).
            if isKnownUniquelyReferenced(&index) { index.reset() } else { index = IDIndex() }
        }
    }
    private var index = IDIndex<Element.ID>()

    public init(wrappedValue: [Element]) {
        self.wrappedValue = wrappedValue
    }

    /// The first value whose id is `id`.
    public func first(id: Element.ID) -> Element? {
        index.position(of: id, in: wrappedValue).map { wrappedValue[$0] }
    }

    public static func == (a: Self, b: Self) -> Bool { a.wrappedValue == b.wrappedValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(wrappedValue) }

    public init(from decoder: Decoder) throws {
        wrappedValue = try decoder.singleValueContainer().decode([Element].self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

/// Positions by id of one version of an array, built lazily; a changed array gets a new one.
private final class IDIndex<ID: Hashable>: @unchecked Sendable {
    private let lock = NSLock()
    private var lookups = 0
    private var positions: [ID: Int]?

    /// Only for an index that nothing else references.
    func reset() {
        lookups = 0
        positions = nil
    }

    func position<Element: Identifiable>(of id: ID, in elements: [Element]) -> Int? where Element.ID == ID {
        lock.lock()
        defer { lock.unlock() }
        if let positions { return positions[id] }
        lookups += 1
        guard lookups > 1 else { return elements.firstIndex { $0.id == id } }
        var built: [ID: Int] = [:]
        built.reserveCapacity(elements.count)
        for (i, element) in elements.enumerated() where built[element.id] == nil { built[element.id] = i }
        positions = built
        return built[id]
    }
}
