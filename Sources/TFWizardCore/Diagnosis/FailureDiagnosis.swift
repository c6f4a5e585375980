/// The last bytes a step printed, kept for its diagnosis (the journal keeps everything).
public struct StepOutputTail: Sendable, Equatable {
    public static let defaultLimit = 4 << 20

    public let limit: Int
    public private(set) var bytes: [UInt8] = []

    public init(limit: Int = StepOutputTail.defaultLimit) { self.limit = limit }

    public mutating func append(_ chunk: [UInt8]) {
        bytes.append(contentsOf: chunk)
        // Trimmed only at twice the limit, so a flood costs one copy per `limit` bytes, not one per chunk.
        if bytes.count > 2 * limit { bytes.removeFirst(bytes.count - limit) }
    }

    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }
}

/// The one way a failed step is diagnosed, in the wizard and in headless `install` alike: the raw tail
/// of its output through the matcher (escape sequences removed by the same recogniser as the pane), and
/// the disk-full cause completed with the free space measured before the start.
public struct FailureDiagnosis: Sendable {
    public var diagnosis: Diagnosis
    /// "Free space measured before the start: ..." when the cause is a full disk and it was measured.
    public var diskNote: String?

    /// - Parameter thisMachine: the GPU of the machine the step ran on, for lines that matter only with one.
    public init(output: [UInt8], catalog: ErrorCatalog, disk: DiskPreflight?, strings: Strings,
                thisMachine: ThisMachineGPU? = nil) {
        let diagnoser = Diagnoser(catalog: catalog, thisMachine: thisMachine)
        diagnoser.feed(output)
        diagnosis = diagnoser.finish()
        diskNote = diagnosis.fatalCause?.id == "disk-full" ? disk?.measuredLine(strings: strings) : nil
    }
}
