import Testing

@Test func forumsolverBuilds() { #expect(Bool(true)) }
