import Testing
@testable import ITC2007

@Test func itcPlaceholder() { #expect(Bool(true)) }
