import Foundation
import ITC2007

/// One input: bytes read as an ITC-2007 track 3 instance (.ctt), then mapped into a programme.
func fuzzITC(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    guard let text = String(bytes: UnsafeBufferPointer(start: bytes, count: count), encoding: .utf8) else { return 0 }
    guard let instance = try? CTTInstance.parse(text, file: "fuzz.ctt") else { return 0 }
    _ = ITCProgramme.programme(for: instance)
    return 0
}

// libFuzzer's driver runs the loop (options such as -max_total_time come from the command line).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_itc_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc, argv = argv
    return runFuzzerDriver(&argc, &argv, fuzzITC)
}
