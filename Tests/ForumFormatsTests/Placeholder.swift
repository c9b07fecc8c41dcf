import Testing

@Test func forumformatsBuilds() { #expect(Bool(true)) }
