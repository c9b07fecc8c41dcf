import Testing

@Test func forumcliBuilds() { #expect(Bool(true)) }
