import ArgumentParser
struct Simulate: ParsableCommand {}
struct Atlas: ParsableCommand {}
