import Testing

@Test func forumpublishBuilds() { #expect(Bool(true)) }
