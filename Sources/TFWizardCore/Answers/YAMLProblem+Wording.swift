import TFWizardYAML

extension YAMLProblem {
    /// In English: what the error catalog's loader and the tests read.
    var message: String { worded(Strings.english) }

    /// The problem in the language of `strings`.
    func worded(_ strings: Strings) -> String {
        worded { key, values in strings.hasKey(key) ? strings.text(key, values) : nil }
    }
}
