// The modules the picture tests use across files (their extension members are visible to every
// file of the target once imported here), as SimulationTests.swift imports them for the engine's
// tests. The simulated plans themselves are `SimulationFixtures.Fixtures`.
@testable import Figures
import Foundation
import Impressions
@testable import Plans
import Rendering
import ScalpModel
@testable import Simulation
