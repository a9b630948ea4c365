import ArgumentParser
import Plans
import Simulation
import Foundation
import Rendering

/// Runs a command body, turning any error into one line on stderr and a non-zero exit.
///
/// Library errors already name the file, field and expectation; printing them verbatim (without
/// ArgumentParser's usage dump) keeps the message the first thing a user reads.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("stipple: error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// Writes a line to stderr (progress and notes; stdout is kept for results).
func note(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// `reportingErrors` for async command bodies.
func reportingErrorsAsync(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("stipple: error: \(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// Says on stderr when pictures were drawn with the bitmap fallback font (DejaVu Sans missing),
/// so a user knows why the text looks blocky and how to fix it.
func noteFontFallback(drewPictures: Bool = true) {
    if drewPictures, let notice = Typeface.fallbackNotice { note("note: \(notice)") }
}

extension SimulationEngine {
    /// This process's provenance (commit, data hash, the command line as typed), which every
    /// report.json and batch summary then records.
    func recordingProvenance() -> SimulationEngine {
        var engine = self
        engine.provenance = RunProvenance.current(data: data, arguments: Array(CommandLine.arguments.dropFirst()))
        return engine
    }
}
