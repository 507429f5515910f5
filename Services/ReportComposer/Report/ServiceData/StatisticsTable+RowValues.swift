import WireProtocol

extension StatisticsTable {
    /// A row's values, one per year, in the years' order. The first two are held inline — the
    /// report asks for the first and the last year, so every row of every request has two — and
    /// any more in an array: reading a reply makes no array per row, and copying a row costs no
    /// reference count for its values.
    struct RowValues: RandomAccessCollection, Sendable, Equatable {
        private var first = ExactDecimal(significand: 0, exponent: 0)
        private var second = ExactDecimal(significand: 0, exponent: 0)
        private var rest: [ExactDecimal] = []
        private(set) var count = 0

        init() {}

        init(_ values: some Sequence<ExactDecimal>) {
            for value in values { append(value) }
        }

        mutating func append(_ value: ExactDecimal) {
            switch count {
            case 0: first = value
            case 1: second = value
            default: rest.append(value)
            }
            count += 1
        }

        var startIndex: Int { 0 }
        var endIndex: Int { count }

        subscript(position: Int) -> ExactDecimal {
            precondition(position >= 0 && position < count, "a row's value index out of range")
            switch position {
            case 0: return first
            case 1: return second
            default: return rest[position - 2]
            }
        }
    }
}
