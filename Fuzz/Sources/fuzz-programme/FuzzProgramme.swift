import Foundation
import ForumFormats
import ForumModel
import ForumRules

/// One input: bytes read as a programme file the way `forum validate` reads one. A file it
/// accepts is validated, and what `forum solve` would write from it must read back.
/// Input errors are the expected outcome for most inputs; a trap or a hang is the finding.
func fuzzProgramme(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let bytes else { return 0 }
    guard let text = String(bytes: UnsafeBufferPointer(start: bytes, count: count), encoding: .utf8) else { return 0 }
    guard let programme = try? ProgrammeReader.read(text: text, file: "fuzz.yaml") else { return 0 }
    _ = validate(programme)
    for written in [ProgrammeWriter.yaml(programme), ProgrammeWriter.json(programme)] {
        do { _ = try ProgrammeReader.read(text: written, file: "written.yaml") } catch {
            fatalError("a programme that read cannot be read back after writing: \(error)\n\(written)")
        }
    }
    return 0
}

// libFuzzer's driver runs the loop (options such as -max_total_time come from the command line).
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@_cdecl("fuzz_programme_main")
func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc, argv = argv
    return runFuzzerDriver(&argc, &argv, fuzzProgramme)
}
