/// The texts read to be parsed by the task that set it: the YAML reader notes each document it reads, and
/// TFWizardCore's resource store each embedded file it decodes. A test sets a log around the loading of the
/// built-in resources to see that none of their text is read when the program runs (it was composed at
/// build time).
package final class TextParsingLog: @unchecked Sendable {
    /// Nil outside such a test: noting then costs one task-local read.
    @TaskLocal package static var current: TextParsingLog?

    /// What was parsed, in order ("YAML", or a resource's path). Only the task that set the log writes
    /// to it, and the loaders it watches run synchronously in that task.
    package private(set) var noted: [String] = []

    package init() {}

    package func note(_ what: String) { noted.append(what) }
}
