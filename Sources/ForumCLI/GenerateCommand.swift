import ArgumentParser
import ForumFormats
import ForumModel

/// `forum generate`: writes a realistic IGF-like programme for tests and benchmarks.
public struct GenerateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a realistic IGF-like programme for tests and benchmarks.",
        discussion: """
        The programme looks like a recent IGF (Kyoto 2023): about two thirds workshops, then \
        open forums, lightning talks, town halls, networking, dynamic coalition, NRI and best \
        practice forum sessions; main sessions, an opening and a closing pinned in the plenary; \
        the eight 2023 sub-themes and two cross-cutting ones; people who appear in several \
        sessions, some of them unavailable for a while; equipment needs and audiences that match \
        the rooms; a daily grid of 90-, 60- and 30-minute slots.

        Without --placed only the pinned sessions have a place (a problem for `forum solve`); \
        with --placed the solver's construction places the rest (scored by the same rules as `forum solve`). Sizes that would leave too little slack \
        to be surely solvable are refused. The same options and seed give the same file, byte \
        for byte.

        Example:
          forum generate --sessions 350 --rooms 18 --days 5 --seed 7 -o out/igf-350.yaml
        """
    )

    @Option(help: "How many sessions, opening, main sessions and closing included.")
    public var sessions: Int = 350

    @Option(help: "How many rooms, the plenary hall included (default 18; with --fill, the fewest that the fill allows).")
    public var rooms: Int?

    @Option(help: "A dense programme: the sessions fill up to this share of the room-slots (at most 0.9; default 0.6). Above 0.6 the generator proves it solvable by placing it.")
    public var fill: Double?

    @Option(help: "How many days.")
    public var days: Int = 5

    @Option(help: "The seed: the same seed gives the same programme.")
    public var seed: UInt64 = 1

    @Option(help: "The first day (YYYY-MM-DD).")
    public var start: String = "2023-10-09"

    @Flag(help: "Place every session with the solver's construction.")
    public var placed = false

    @Flag(inversion: .prefixedNo, help: "A hybrid event as IGFs are today (online people, languages, buildings, tags); --no-hybrid gives the older in-person programme.")
    public var hybrid = true

    @Option(name: .shortAndLong, help: "The file to write (.yaml, .yml or .json).")
    public var output: String

    public init() {}

    public func run() throws {
        guard let startDate = LocalDate(iso: start) else {
            throw InputError(location: SourceLocation(file: "forum generate"), field: "--start",
                             message: "`\(start)` is not a date", hint: "write it as YYYY-MM-DD, e.g. 2023-10-09")
        }
        let roomCount = rooms ?? fill.map { ProgrammeGenerator.rooms(forSessions: sessions, days: days, fill: min($0, ProgrammeGenerator.maximumFill)) } ?? 18
        let options = GeneratorOptions(sessions: sessions, rooms: roomCount, days: days, seed: seed, placed: placed, startDate: startDate,
                                       hybrid: hybrid, fill: fill)
        let programme = try ProgrammeGenerator.generate(options)
        try writeAtomically(ProgrammeWriter.text(programme, format: ProgrammeFileFormat(path: output)), to: output)
        let placedCount = programme.sessions.filter(\.isPlaced).count
        let load = Int((ProgrammeGenerator.load(sessions: sessions, rooms: roomCount, days: days) * 100).rounded())
        printError("generate: \(programme.sessions.count) sessions (\(placedCount) placed), \(programme.rooms.count) rooms, "
            + "\(programme.days.count) days, \(programme.people.count) people, \(load)% of the room-slots -> \(output)")
    }
}
