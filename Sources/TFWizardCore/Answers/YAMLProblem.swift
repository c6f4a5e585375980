/// A problem found while reading a YAML document: where (line, field) and what.
struct YAMLProblem: Error, Equatable {
    var line: Int?
    var field: String
    var message: String
}
