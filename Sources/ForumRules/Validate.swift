import ForumModel

/// Applies every rule in force for `programme` (the catalogue with its `rules:` settings)
/// and lists each violation. `published`, when given, is the programme participants have
/// already seen: placements that differ from it cost `moved-from-published`.
///
/// PLACEHOLDER: the rules engine (issue 3's owner) replaces this body.
public func validate(_ programme: Programme, published: Programme? = nil) -> ValidationReport {
    ValidationReport(violations: [])
}
