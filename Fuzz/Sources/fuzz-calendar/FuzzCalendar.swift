import Foundation
import ForumCalendar
import ForumFormats
import ForumModel

/// One input: bytes read as an iCalendar file the way `forum validate FILE.ics` and
/// `forum import ics` read one (UTF-8 first), then checked against the rules; the programme
/// an import would write must read back.
func fuzzCalendar(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    guard let text = String(bytes: UnsafeBufferPointer(start: bytes, count: count), encoding: .utf8) else { return 0 }
    guard let imported = try? CalendarReader().read(text: text, file: "fuzz.ics") else { return 0 }
    _ = CalendarCheck(imported).hasHardProblems
    let written = ProgrammeWriter.yaml(imported.programme)
    do { _ = try ProgrammeReader.read(text: written, file: "imported.yaml") } catch {
        fatalError("an imported calendar's programme cannot be read back: \(error)\n\(written)")
    }
    return 0
}

// libFuzzer's driver runs the loop (options such as -max_total_time come from the command line).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_calendar_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc, argv = argv
    return runFuzzerDriver(&argc, &argv, fuzzCalendar)
}
