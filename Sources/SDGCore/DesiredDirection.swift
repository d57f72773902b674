/// The desired direction of an indicator: whether a rise is progress (adult participation) or a fall is
/// (early school leaving). It decides how progress classes read a trend.
public enum DesiredDirection: String, Sendable, Hashable, CaseIterable {
    case increase, decrease

    /// +1 for increase, −1 for decrease: the factor that turns a change into progress.
    public var sign: Double { self == .increase ? 1 : -1 }
}
