import SDGCore

/// Why a run stopped after its inputs were read (the pipeline file was fine).
package enum RunError: SDGFailure, Equatable {
    /// More records were rejected than the pipeline allows (`evaluation.max_reject_ratio`).
    case tooManyRejects(rejected: Int, read: Int, allowed: Double, firstReasons: [String])

    package var category: FailureCategory { .inputData }

    package var description: String {
        switch self {
        case .tooManyRejects(let rejected, let read, let allowed, let reasons):
            let ratio = read == 0 ? 1 : Double(rejected) / Double(read)
            var text =
                "\(rejected) of \(read) records rejected (\(percent(ratio))), more than the allowed \(percent(allowed)). "
                + "Outputs were not changed. Fix the inputs, or raise `evaluation.max_reject_ratio` if these rows are expected. First rejects:"
            for reason in reasons { text += "\n  " + reason }
            return text
        }
    }

    private func percent(_ x: Double) -> String {
        let scaled = (x * 1000).rounded() / 10
        return "\(scaled)%"
    }
}
