import Foundation
import Testing
@testable import ForumPublish

@Suite struct DigestTests {
    // Known answers from FIPS 180-4 and from Python's hashlib and uuid modules.
    @Test func sha1AndSha256MatchKnownAnswers() {
        #expect(Digest.hex(Digest.sha1(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(Digest.hex(Digest.sha256(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = [UInt8](repeating: UInt8(ascii: "a"), count: 1000) // several blocks
        #expect(Digest.hex(Digest.sha1(long)) == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
        #expect(Digest.hex(Digest.sha256(long)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test func nameBasedUUIDsMatchRFC4122() {
        #expect(StableID.uuid5("igf2006/session/main-openness") == "65ed5575-aefa-5585-aa79-721fb8d501e2")
        #expect(StableID.uuid5("https://www.intgovforum.org/") == "da7eca91-1c0e-5e27-b0e4-38ec00f9ec2f")
    }

    @Test func numbersArePositive31BitAndStable() {
        for name in ["", "a", "igf2006/session/opening", "igf2006/session/dc-access-track/part-2"] {
            let n = StableID.number(name)
            #expect(n >= 1 && n <= Int(Int32.max))
            #expect(StableID.number(name) == n)
        }
        #expect(StableID.number("igf2006/session/opening") != StableID.number("igf2006/session/closing"))
    }
}
