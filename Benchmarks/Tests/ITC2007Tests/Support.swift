import Foundation
@testable import ITC2007

/// The folder of this test file, for fixtures next to it.
let testsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
/// ../shared/data/itc2007 relative to the repository root (Benchmarks/Tests/ITC2007Tests/…).
let instancesFolder = testsFolder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("shared/data/itc2007")

func instancePath(_ name: String) -> String { instancesFolder.appendingPathComponent(name + ".ctt").path }
func fixturePath(_ name: String) -> String { testsFolder.appendingPathComponent("Fixtures/" + name).path }

/// Two days of three periods, two rooms, three courses. A and B share curriculum Q1;
/// A and C share teacher t1. B may not be taught on day 1, period 2.
let tinyText = """
Name: Tiny
Courses: 3
Rooms: 2
Days: 2
Periods_per_day: 3
Curricula: 1
Constraints: 1

COURSES:
A t1 2 2 30
B t2 2 1 10
C t1 1 1 40

ROOMS:
R1 40
R2 20

CURRICULA:
Q1 2 A B

UNAVAILABILITY_CONSTRAINTS:
B 1 2

END.

"""

func tiny() throws -> CTTInstance { try CTTInstance.parse(tinyText, file: "tiny.ctt") }

func evaluate(_ sol: String, on instance: CTTInstance) throws -> UD2Evaluation {
    UD2Evaluator(instance: instance).evaluate(try CTTSolution.parse(sol, instance: instance))
}
