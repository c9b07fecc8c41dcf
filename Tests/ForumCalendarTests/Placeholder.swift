import Testing

@Test func forumcalendarBuilds() { #expect(Bool(true)) }
